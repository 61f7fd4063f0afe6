package dev.brownout.local.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Picks a demo service's answer to a request, faults aside: {@code {"status":"UP"}} on its health
 * paths (any method), the shop's answer on its endpoints, 405 for a known path with another method,
 * 404 JSON otherwise.
 */
final class Router {
  private final DemoPlan.Service service;
  private final Shop shop;

  Router(DemoPlan.Service service, Shop shop) {
    this.service = service;
    this.shop = shop;
  }

  Reply answer(Call call) {
    if (service.healthPaths().contains(call.rawPath())) {
      ObjectNode up = Reply.JSON.createObjectNode();
      up.put("status", "UP");
      up.put("service", service.name());
      return Reply.json(200, up);
    }
    List<String> allowed = new ArrayList<>();
    for (DemoPlan.Endpoint endpoint : service.endpoints()) {
      Optional<Map<String, String>> values = endpoint.url().match(call.rawPath(), call.query());
      if (values.isEmpty()) {
        continue;
      }
      if (endpoint.method().equals(call.method())
          || (endpoint.method().equals("GET") && call.method().equals("HEAD"))) {
        return shop.answer(endpoint.content(), call, values.get());
      }
      allowed.add(endpoint.method());
    }
    if (!allowed.isEmpty()) {
      return Reply.error(
              405,
              "method not allowed",
              service.name() + " answers " + String.join(", ", allowed) + " on " + call.rawPath())
          .withHeader("Allow", String.join(", ", allowed));
    }
    List<String> known = new ArrayList<>();
    service.healthPaths().forEach(p -> known.add("GET " + p));
    service.endpoints().forEach(e -> known.add(e.toString()));
    return Reply.error(
        404,
        "not found",
        service.name()
            + " has no "
            + call.method()
            + " "
            + call.rawPath()
            + "; it answers "
            + String.join(", ", known));
  }
}

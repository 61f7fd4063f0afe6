package dev.brownout.functions.handlers.priming;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.brownout.core.Level;
import dev.brownout.core.Parameters;
import dev.brownout.core.catalog.Catalog;
import dev.brownout.core.catalog.Dependency;
import dev.brownout.core.catalog.Feature;
import dev.brownout.core.contract.StatusTableKeys;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * What {@link InProcessAws} answers besides "nothing there", so the priming reaches past the first
 * empty answer: the app's flags and level as SSM would list them (the flag parsing runs), and a
 * data key as KMS would generate one (the sealing of a queued write runs). The key is a constant
 * that nothing real ever sees: it seals only the priming's own stand-in writes.
 */
public final class StandInAnswers {
  private static final ObjectMapper JSON = new ObjectMapper();

  private StandInAnswers() {}

  public static Map<String, String> of(Catalog catalog) {
    return Map.of(
        "AmazonSSM.GetParametersByPath", flags(catalog),
        "TrentService.GenerateDataKey", dataKey(),
        "TrentService.Decrypt", dataKey());
  }

  /**
   * {@link #of}, and what the replay's DynamoDB calls need to go on to the delivery: every
   * dependency healthy in the answer to any query (the replay's only query is the status board's),
   * and a first lease in the answer to any update (the ledger's).
   */
  public static Map<String, String> ofReplay(Catalog catalog) {
    Map<String, String> answers = new HashMap<>(of(catalog));
    ObjectNode answer = JSON.createObjectNode();
    ArrayNode items = answer.putArray("Items");
    for (Dependency dependency : catalog.dependencies()) {
      ObjectNode item = items.addObject();
      item.putObject("pk").put("S", StatusTableKeys.STATUS);
      item.putObject("sk").put("S", dependency.name());
      item.putObject("dependency").put("S", dependency.name());
      item.putObject("healthy").put("BOOL", true);
      item.putObject("consecutiveFailures").put("N", "0");
      item.putObject("consecutiveSuccesses").put("N", "1");
    }
    answer.put("Count", items.size());
    answers.put("DynamoDB_20120810.Query", answer.toString());
    ObjectNode lease = JSON.createObjectNode();
    lease.putObject("Attributes").putObject("attempts").put("N", "1");
    answers.put("DynamoDB_20120810.UpdateItem", lease.toString());
    return answers;
  }

  /** The level {@code FULL} and every feature on, under the app's prefix. */
  private static String flags(Catalog catalog) {
    ObjectNode answer = JSON.createObjectNode();
    ArrayNode parameters = answer.putArray("Parameters");
    parameter(parameters, Parameters.level(catalog), Level.FULL.name());
    for (Feature feature : catalog.features()) {
      parameter(parameters, Parameters.flag(catalog, feature.name()), Parameters.ON);
    }
    return answer.toString();
  }

  private static void parameter(ArrayNode parameters, String name, String value) {
    parameters.addObject().put("Name", name).put("Value", value).put("Type", "String");
  }

  private static String dataKey() {
    Base64.Encoder base64 = Base64.getEncoder();
    return JSON.createObjectNode()
        .put("KeyId", "snapstart-priming")
        .put("Plaintext", base64.encodeToString(new byte[32]))
        .put("CiphertextBlob", base64.encodeToString(new byte[48]))
        .toString();
  }
}

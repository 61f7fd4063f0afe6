package dev.brownout.local.schedules;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.brownout.local.lambda.Invoker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.ListRulesResponse;
import software.amazon.awssdk.services.eventbridge.model.ListTargetsByRuleResponse;
import software.amazon.awssdk.services.eventbridge.model.Rule;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Fires the schedule rules deployed into moto, which stores EventBridge rules but never fires them.
 *
 * <p>Each scan ({@link #scanOnce()}, every few seconds after {@link #start(Duration)}) lists the
 * rules of the default event bus ({@code ListRules}); those {@code ENABLED} with a {@code
 * ScheduleExpression} are scheduled. A rule deployed later is picked up at the next scan; a rule
 * disabled or deleted stops firing; a rule whose expression changes starts again. A rate rule's
 * anchor is the scan that first saw it enabled: it fires one period after that, then every period
 * (see {@link ScheduleExpression.Rate}). An expression that does not parse is reported once and
 * never fired.
 *
 * <p>When a rule is due it fires once: one scheduled event ({@link ScheduledEvents}) for the latest
 * due time, sent to each of its targets ({@code ListTargetsByRule}) with the target's input ({@link
 * TargetInput}). Firings missed while the machine slept are not caught up: the rule fires once,
 * then resumes its schedule. A Lambda target ({@code arn:...:function:NAME}, possibly qualified) is
 * invoked asynchronously through the {@link Invoker}; a Step Functions target ({@code
 * arn:...:stateMachine:NAME}) gets one execution with a unique name and the input; any other kind
 * of target is reported once as not supported locally and skipped.
 *
 * <p>A failed delivery is handled as EventBridge handles it (<a
 * href="https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-dlq.html">eb-rule-dlq</a>):
 * retriable errors (throttling, server and connection errors) are retried up to the target's {@code
 * RetryPolicy.MaximumRetryAttempts} (185 by default) for at most its {@code
 * MaximumEventAgeInSeconds} (24 hours by default), here never longer than {@link
 * #LONGEST_RETRYING}, with exponential backoff (1 s doubling to 30 s; AWS adds jitter, this does
 * not, so tests can drive it). A missing target or a refused input is not retried. Then, if the
 * target has a {@code DeadLetterConfig.Arn}, the event goes to that SQS queue with the message
 * attributes EventBridge sets: {@code RULE_ARN}, {@code TARGET_ARN}, {@code ERROR_CODE}, {@code
 * ERROR_MESSAGE}, {@code RETRY_ATTEMPTS} and, when retries ran out, {@code
 * EXHAUSTED_RETRY_CONDITION} ({@code MaximumRetryAttempts} or {@code MaximumEventAgeInSeconds});
 * without one it is dropped. Retries are made by later scans, and go on if the rule is disabled or
 * deleted meanwhile: the event was already sent.
 *
 * <p>Every firing writes one line to the console sink, as do discoveries, retries and errors (the
 * same error once, not every scan). Errors from moto never stop the scans.
 */
public final class Scheduler implements AutoCloseable {
  /** How long a failed delivery is retried at most, whatever the target's retry policy. */
  public static final Duration LONGEST_RETRYING = Duration.ofMinutes(3);

  private static final int AWS_DEFAULT_RETRIES = 185;
  private static final Duration AWS_DEFAULT_EVENT_AGE = Duration.ofHours(24);
  private static final Duration LONGEST_BACKOFF = Duration.ofSeconds(30);
  private static final int MOST_MISSED_FIRINGS_COUNTED = 100_000;

  private final EventBridgeClient events;
  private final TargetSender sender;
  private final Clock clock;
  private final Consumer<String> console;
  private final Map<String, Tracked> tracked = new LinkedHashMap<>();
  private final List<Delivery> retries = new ArrayList<>();
  private final Set<String> reported = ConcurrentHashMap.newKeySet();
  private volatile List<RuleStatus> statuses = List.of();
  private ScheduledExecutorService timer;
  private String lastScanError;

  /**
   * @param events EventBridge (moto), whose default bus holds the rules
   * @param sfn Step Functions (moto), which runs state machine targets
   * @param sqs SQS (moto), which holds the dead-letter queues
   * @param invoker runs Lambda function targets
   * @param clock decides when rules are due
   * @param console receives one line per firing and per problem
   */
  public Scheduler(
      EventBridgeClient events,
      SfnClient sfn,
      SqsClient sqs,
      Invoker invoker,
      Clock clock,
      Consumer<String> console) {
    this.events = events;
    this.sender = new TargetSender(invoker, sfn, sqs);
    this.clock = clock;
    this.console = console;
  }

  /**
   * What the scheduler knows of one schedule rule, for the health page.
   *
   * @param state the rule's {@code State} ({@code ENABLED}, {@code DISABLED})
   * @param nextFiring empty when disabled, invalid or past its last firing
   * @param lastFiring the due time of the rule's last firing
   * @param lastError the last problem with the rule or one of its deliveries, with its time
   */
  public record RuleStatus(
      String name,
      String expression,
      String state,
      Optional<Instant> nextFiring,
      Optional<Instant> lastFiring,
      Optional<String> lastError) {}

  /**
   * Scans now and then every {@code every}, on a daemon thread, until {@link #close()}.
   *
   * @throws IllegalArgumentException if {@code every} is not positive
   * @throws IllegalStateException if already started
   */
  public synchronized void start(Duration every) {
    if (every.isNegative() || every.isZero()) {
      throw new IllegalArgumentException("the scan interval must be positive, not " + every);
    }
    if (timer != null) {
      throw new IllegalStateException("the scheduler is already started");
    }
    timer =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "brownout-schedules");
              thread.setDaemon(true);
              return thread;
            });
    timer.scheduleWithFixedDelay(
        this::scanReportingFailures, 0, every.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The schedule rules seen at the last scan, by name. */
  public List<RuleStatus> rules() {
    return statuses;
  }

  /**
   * One scan: reads the rules, fires those due and makes the retries due, all at the clock's
   * instant. Problems with moto are reported to the console, not thrown.
   */
  public synchronized void scanOnce() {
    Instant now = clock.instant();
    try {
      Optional<List<Rule>> rules = listScheduleRules();
      if (rules.isPresent()) {
        update(rules.get(), now);
        for (Tracked rule : tracked.values()) {
          if (rule.next != null && !now.isBefore(rule.next)) {
            fire(rule, now);
          }
        }
      }
      retryDue(now);
    } finally {
      statuses = snapshot();
    }
  }

  private void scanReportingFailures() {
    try {
      scanOnce();
    } catch (RuntimeException e) {
      reportOnce("scan", "schedules: a scan failed: " + e);
    }
  }

  private Optional<List<Rule>> listScheduleRules() {
    List<Rule> rules = new ArrayList<>();
    String token = null;
    try {
      do {
        String page = token;
        ListRulesResponse response = events.listRules(request -> request.nextToken(page));
        response.rules().stream()
            .filter(rule -> rule.scheduleExpression() != null)
            .forEach(rules::add);
        token = response.nextToken();
      } while (token != null && !token.isEmpty());
    } catch (SdkException e) {
      String error = "schedules: cannot list the EventBridge rules: " + e.getMessage();
      if (!error.equals(lastScanError)) {
        console.accept(error);
      }
      lastScanError = error;
      return Optional.empty();
    }
    lastScanError = null;
    return Optional.of(rules);
  }

  private void update(List<Rule> rules, Instant now) {
    Map<String, Tracked> seen = new LinkedHashMap<>();
    for (Rule rule : rules) {
      Tracked old = tracked.get(rule.arn());
      boolean enabled = rule.stateAsString() == null || rule.stateAsString().startsWith("ENABLED");
      Tracked current;
      if (old != null
          && old.expressionText.equals(rule.scheduleExpression())
          && old.enabled == enabled) {
        current = old;
      } else {
        current = new Tracked(rule, enabled, now, old);
        describeChange(current, old);
      }
      current.state = rule.stateAsString() == null ? "ENABLED" : rule.stateAsString();
      seen.put(rule.arn(), current);
    }
    for (Tracked gone : tracked.values()) {
      if (!seen.containsKey(gone.arn)) {
        console.accept("schedule " + gone.name + " is gone: no longer fired");
      }
    }
    tracked.clear();
    tracked.putAll(seen);
  }

  private void describeChange(Tracked rule, Tracked old) {
    if (rule.invalid != null) {
      console.accept("schedule " + rule.name + " cannot be fired: " + rule.invalid);
    } else if (rule.enabled) {
      console.accept(
          "schedule "
              + rule.name
              + " ("
              + rule.expressionText
              + ") "
              + (old == null ? "found" : "changed")
              + ", next firing "
              + (rule.next == null ? "never" : rule.next));
    } else if (old != null) {
      console.accept("schedule " + rule.name + " is disabled: no longer fired");
    }
  }

  private void fire(Tracked rule, Instant now) {
    Instant due = rule.next;
    int missed = 0;
    for (Optional<Instant> later = rule.expression.next(due, rule.anchor);
        later.isPresent() && !later.get().isAfter(now) && missed < MOST_MISSED_FIRINGS_COUNTED;
        later = rule.expression.next(due, rule.anchor)) {
      due = later.get();
      missed++;
    }
    rule.last = due;
    rule.next = rule.expression.next(now, rule.anchor).orElse(null);
    ObjectNode event = ScheduledEvents.event(UUID.randomUUID().toString(), rule.arn, due);
    List<String> outcomes = new ArrayList<>();
    try {
      for (Target target : listTargets(rule.name)) {
        outcomes.add(deliverFirst(rule, target, event, now));
      }
    } catch (SdkException e) {
      rule.lastError = now + " cannot list its targets: " + e.getMessage();
      outcomes.add("cannot list its targets: " + e.getMessage());
    }
    console.accept(
        "schedule "
            + rule.name
            + " fired for "
            + due
            + (missed > 0
                ? " (" + missed + " earlier firings missed while asleep, not repeated)"
                : "")
            + ": "
            + (outcomes.isEmpty() ? "no targets" : String.join("; ", outcomes)));
  }

  private List<Target> listTargets(String ruleName) {
    List<Target> targets = new ArrayList<>();
    String token = null;
    do {
      String page = token;
      ListTargetsByRuleResponse response =
          events.listTargetsByRule(request -> request.rule(ruleName).nextToken(page));
      targets.addAll(response.targets());
      token = response.nextToken();
    } while (token != null && !token.isEmpty());
    return targets;
  }

  private String deliverFirst(Tracked rule, Target target, ObjectNode event, Instant now) {
    Optional<TargetSender.Kind> kind = TargetSender.kindOf(target.arn());
    String label = "target " + target.id() + " (" + target.arn() + ")";
    if (kind.isEmpty()) {
      reportOnce(
          rule.arn + " " + target.arn(),
          "schedule "
              + rule.name
              + ": "
              + label
              + " is not supported locally (only Lambda functions and Step Functions state"
              + " machines are); it is skipped");
      return label + " skipped, not supported locally";
    }
    Delivery delivery =
        new Delivery(
            rule.arn,
            rule.name,
            target,
            kind.get(),
            event,
            null,
            UUID.randomUUID().toString(),
            now,
            0);
    Optional<String> input;
    try {
      input = TargetInput.of(target).render(event, rule.arn);
    } catch (TargetInputException e) {
      return failed(delivery, new TargetSender.Failure(e.errorCode(), e.getMessage(), false), now);
    }
    if (input.isEmpty()) {
      return label + " sent nothing: its InputPath selects nothing in the event";
    }
    return attempt(delivery.withInput(input.get()), now);
  }

  private String attempt(Delivery delivery, Instant now) {
    Optional<TargetSender.Failure> failure =
        sender.send(delivery.kind, delivery.target.arn(), delivery.input, delivery.executionName);
    if (failure.isPresent()) {
      return failed(delivery, failure.get(), now);
    }
    return delivery.label()
        + (delivery.kind == TargetSender.Kind.LAMBDA
            ? " invoked asynchronously"
            : " started execution " + delivery.executionName);
  }

  private String failed(Delivery delivery, TargetSender.Failure failure, Instant now) {
    String what = delivery.label() + " failed (" + failure.code() + ": " + failure.message() + ")";
    recordError(delivery.ruleArn, now + " " + what);
    String exhausted = null;
    if (failure.retriable()) {
      int allowed = retryAttempts(delivery.target);
      Instant retryAt = now.plus(backoff(delivery.retries));
      if (delivery.retries >= allowed) {
        exhausted = "MaximumRetryAttempts";
      } else if (retryAt.isAfter(delivery.firstAttempt.plus(retryingTime(delivery.target)))) {
        exhausted = "MaximumEventAgeInSeconds";
      } else {
        retries.add(delivery.retryAt(retryAt));
        return what + "; retry " + (delivery.retries + 1) + " of " + allowed + " at " + retryAt;
      }
    }
    return what + "; " + deadLetter(delivery, failure, exhausted);
  }

  private String deadLetter(Delivery delivery, TargetSender.Failure failure, String exhausted) {
    String queue =
        delivery.target.deadLetterConfig() == null
            ? null
            : delivery.target.deadLetterConfig().arn();
    if (queue == null) {
      return "dropped: the target has no dead-letter queue";
    }
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("RULE_ARN", delivery.ruleArn);
    attributes.put("TARGET_ARN", delivery.target.arn());
    attributes.put("ERROR_CODE", failure.code());
    attributes.put("ERROR_MESSAGE", failure.message());
    attributes.put("RETRY_ATTEMPTS", Integer.toString(delivery.retries));
    if (exhausted != null) {
      attributes.put("EXHAUSTED_RETRY_CONDITION", exhausted);
    }
    try {
      sender.deadLetter(queue, delivery.event.toString(), attributes);
      return "sent to the dead-letter queue " + queue;
    } catch (SdkException | IllegalArgumentException e) {
      String error = "could not be sent to the dead-letter queue " + queue + ": " + e.getMessage();
      recordError(delivery.ruleArn, clock.instant() + " " + delivery.label() + " " + error);
      return error;
    }
  }

  private void retryDue(Instant now) {
    List<Delivery> due =
        retries.stream()
            .filter(delivery -> !delivery.nextAttempt.isAfter(now))
            .sorted(Comparator.comparing(Delivery::nextAttempt))
            .toList();
    retries.removeAll(due);
    for (Delivery delivery : due) {
      console.accept(
          "schedule "
              + delivery.ruleName
              + " retry "
              + delivery.retries
              + ": "
              + attempt(delivery, now));
    }
  }

  private static int retryAttempts(Target target) {
    return target.retryPolicy() == null || target.retryPolicy().maximumRetryAttempts() == null
        ? AWS_DEFAULT_RETRIES
        : target.retryPolicy().maximumRetryAttempts();
  }

  private static Duration retryingTime(Target target) {
    Duration age =
        target.retryPolicy() == null || target.retryPolicy().maximumEventAgeInSeconds() == null
            ? AWS_DEFAULT_EVENT_AGE
            : Duration.ofSeconds(target.retryPolicy().maximumEventAgeInSeconds());
    return age.compareTo(LONGEST_RETRYING) < 0 ? age : LONGEST_RETRYING;
  }

  /** 1 s before the first retry, doubling, at most 30 s. */
  private static Duration backoff(int retriesMade) {
    Duration backoff = Duration.ofSeconds(1L << Math.min(retriesMade, 5));
    return backoff.compareTo(LONGEST_BACKOFF) < 0 ? backoff : LONGEST_BACKOFF;
  }

  private void recordError(String ruleArn, String error) {
    Tracked rule = tracked.get(ruleArn);
    if (rule != null) {
      rule.lastError = error;
    }
  }

  private void reportOnce(String key, String line) {
    if (reported.add(key + "\n" + line)) {
      console.accept(line);
    }
  }

  private List<RuleStatus> snapshot() {
    return tracked.values().stream()
        .map(
            rule ->
                new RuleStatus(
                    rule.name,
                    rule.expressionText,
                    rule.state,
                    Optional.ofNullable(rule.next),
                    Optional.ofNullable(rule.last),
                    Optional.ofNullable(rule.invalid != null ? rule.invalid : rule.lastError)))
        .sorted(Comparator.comparing(RuleStatus::name))
        .toList();
  }

  /** Stops the scans started by {@link #start(Duration)}; pending retries are dropped. */
  @Override
  public synchronized void close() {
    if (timer != null) {
      timer.shutdownNow();
    }
  }

  /** One schedule rule as the scheduler follows it. */
  private static final class Tracked {
    final String arn;
    final String name;
    final String expressionText;
    final boolean enabled;
    final Instant anchor;
    final ScheduleExpression expression;
    final String invalid;
    String state;
    Instant next;
    Instant last;
    String lastError;

    Tracked(Rule rule, boolean enabled, Instant now, Tracked previous) {
      this.arn = rule.arn();
      this.name = rule.name();
      this.expressionText = rule.scheduleExpression();
      this.enabled = enabled;
      this.anchor = now;
      ScheduleExpression parsed = null;
      String problem = null;
      try {
        parsed = ScheduleExpression.parse(expressionText);
      } catch (IllegalArgumentException e) {
        problem = e.getMessage();
      }
      this.expression = parsed;
      this.invalid = problem;
      this.next = enabled && parsed != null ? parsed.next(now, now).orElse(null) : null;
      if (previous != null) {
        this.last = previous.last;
        this.lastError = previous.lastError;
      }
    }
  }

  /** One event on its way to one target, with the retries made so far. */
  private record Delivery(
      String ruleArn,
      String ruleName,
      Target target,
      TargetSender.Kind kind,
      ObjectNode event,
      String input,
      String executionName,
      Instant firstAttempt,
      int retries,
      Instant nextAttempt) {

    Delivery(
        String ruleArn,
        String ruleName,
        Target target,
        TargetSender.Kind kind,
        ObjectNode event,
        String input,
        String executionName,
        Instant firstAttempt,
        int retries) {
      this(
          ruleArn,
          ruleName,
          target,
          kind,
          event,
          input,
          executionName,
          firstAttempt,
          retries,
          firstAttempt);
    }

    Delivery withInput(String text) {
      return new Delivery(
          ruleArn,
          ruleName,
          target,
          kind,
          event,
          text,
          executionName,
          firstAttempt,
          retries,
          nextAttempt);
    }

    Delivery retryAt(Instant at) {
      return new Delivery(
          ruleArn,
          ruleName,
          target,
          kind,
          event,
          input,
          executionName,
          firstAttempt,
          retries + 1,
          at);
    }

    String label() {
      return "target " + target.id() + " (" + target.arn() + ")";
    }
  }
}

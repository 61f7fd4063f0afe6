package dev.brownout.functions.replay;

/** Where writes go that could not be delivered, for a person to look at. */
@FunctionalInterface
public interface DeadLetters {
  void send(String messageBody, String reason);
}

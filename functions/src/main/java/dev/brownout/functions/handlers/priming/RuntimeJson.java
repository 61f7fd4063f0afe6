package dev.brownout.functions.handlers.priming;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The Lambda runtime's own JSON (de)serialisation (aws-lambda-java-serialization), chosen as the
 * runtime chooses it: the event serialisers for the classes of aws-lambda-java-events, its Jackson
 * factory for anything else. Priming reads its sample events and writes its answers through it, so
 * the classes the runtime needs for the first event are loaded before the snapshot.
 */
public final class RuntimeJson {
  private static final String EVENTS = "com.amazonaws.services.lambda.runtime.events.";

  private RuntimeJson() {}

  /**
   * Whether the runtime's serialisation library is there: the Lambda runtime and the local cloud
   * bring it; the function's jar does not.
   */
  public static boolean available() {
    try {
      Class.forName(
          "com.amazonaws.services.lambda.runtime.serialization.PojoSerializer",
          false,
          RuntimeJson.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  /** A bundled sample event ({@code /priming/<name>}), read as the runtime reads an event. */
  public static <T> T event(String name, Class<T> type) {
    try (InputStream json = RuntimeJson.class.getResourceAsStream("/priming/" + name)) {
      if (json == null) {
        throw new IllegalStateException("the function jar has no sample event /priming/" + name);
      }
      return serializer(type).fromJson(json);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the sample event /priming/" + name, e);
    }
  }

  /** {@code value} written as the runtime writes an answer. */
  public static <T> byte[] answer(T value, Class<T> type) {
    ByteArrayOutputStream json = new ByteArrayOutputStream();
    serializer(type).toJson(value, json);
    return json.toByteArray();
  }

  private static <T> PojoSerializer<T> serializer(Class<T> type) {
    return type.getName().startsWith(EVENTS)
        ? LambdaEventSerializers.serializerFor(type, RuntimeJson.class.getClassLoader())
        : JacksonFactory.getInstance().getSerializer(type);
  }
}

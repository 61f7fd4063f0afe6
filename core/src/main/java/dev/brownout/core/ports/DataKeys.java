package dev.brownout.core.ports;

/**
 * Data keys for envelope encryption, from a key service that keeps the master key: each data key
 * comes in clear (to use in memory, never stored) and encrypted (to store next to what it
 * encrypted; only the key service can decrypt it again).
 */
public interface DataKeys {

  /**
   * @param plaintext a 256-bit AES key
   * @param encrypted the same key, encrypted under the master key
   */
  record DataKey(byte[] plaintext, byte[] encrypted) {}

  /** The key service did not answer, or refused: trying again later may succeed. */
  final class KeyFailure extends Exception {
    public KeyFailure(String reason, Throwable cause) {
      super(reason, cause);
    }
  }

  DataKey generate() throws KeyFailure;

  /**
   * @return the data key in clear
   * @throws IllegalArgumentException if {@code encrypted} is not a data key of this master key
   */
  byte[] decrypt(byte[] encrypted) throws KeyFailure;
}

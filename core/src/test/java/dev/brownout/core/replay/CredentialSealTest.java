package dev.brownout.core.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brownout.core.ports.DataKeys;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CredentialSealTest {
  private static final byte[] TOKEN = "Bearer s3cret-token-7f3a".getBytes(StandardCharsets.UTF_8);
  private static final byte[] WRITE = "POST /orders k-1 fp-1".getBytes(StandardCharsets.UTF_8);

  /** A key service that "encrypts" a data key by prefixing it, and counts its calls. */
  static final class CountingKeys implements DataKeys {
    private final Random random = new Random(7);
    int generated;
    int decrypted;

    @Override
    public DataKey generate() {
      generated++;
      byte[] key = new byte[32];
      random.nextBytes(key);
      return new DataKey(key, ("wrapped:" + HexFormat.of().formatHex(key)).getBytes());
    }

    @Override
    public byte[] decrypt(byte[] encrypted) {
      decrypted++;
      return HexFormat.of().parseHex(new String(encrypted).substring("wrapped:".length()));
    }
  }

  @Test
  void aSealedCredentialOpensAgainInMemoryAndIsNotInTheSealedBytes() throws Exception {
    CountingKeys keys = new CountingKeys();
    CredentialSeal.Sealed sealed = new CredentialSeal(keys).seal(TOKEN, WRITE);

    assertThat(new String(sealed.ciphertext(), StandardCharsets.ISO_8859_1))
        .doesNotContain("s3cret");
    assertThat(new CredentialSeal(keys).open(sealed, WRITE)).isEqualTo(TOKEN);
  }

  @Test
  void aSealedCredentialMovedOntoAnotherWriteDoesNotOpen() throws Exception {
    CountingKeys keys = new CountingKeys();
    CredentialSeal.Sealed sealed = new CredentialSeal(keys).seal(TOKEN, WRITE);

    assertThatThrownBy(
            () ->
                new CredentialSeal(keys)
                    .open(sealed, "POST /orders k-2 fp-2".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "the sealed credential does not open: it was altered or belongs to another write");
  }

  @Test
  void anAlteredSealDoesNotOpen() throws Exception {
    CountingKeys keys = new CountingKeys();
    CredentialSeal.Sealed sealed = new CredentialSeal(keys).seal(TOKEN, WRITE);
    sealed.ciphertext()[0] ^= 1;

    assertThatThrownBy(() -> new CredentialSeal(keys).open(sealed, WRITE))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void oneDataKeyIsGeneratedPerInstanceAndEachSealHasItsOwnNonce() throws Exception {
    CountingKeys keys = new CountingKeys();
    CredentialSeal seal = new CredentialSeal(keys);

    CredentialSeal.Sealed first = seal.seal(TOKEN, WRITE);
    CredentialSeal.Sealed second = seal.seal(TOKEN, WRITE);

    assertThat(keys.generated).isEqualTo(1);
    assertThat(first.encryptedKey()).isEqualTo(second.encryptedKey());
    assertThat(first.nonce()).isNotEqualTo(second.nonce());
    assertThat(first.ciphertext()).isNotEqualTo(second.ciphertext());
  }

  @Test
  void decryptedDataKeysAreKeptByTheirEncryptedFormUpToABound() throws Exception {
    CountingKeys keys = new CountingKeys();
    List<CredentialSeal.Sealed> backlog = new ArrayList<>();
    for (int instance = 0; instance <= CredentialSeal.OPEN_KEYS_KEPT; instance++) {
      backlog.add(new CredentialSeal(keys).seal(TOKEN, WRITE));
    }
    CredentialSeal opener = new CredentialSeal(keys);

    opener.open(backlog.get(1), WRITE);
    opener.open(backlog.get(1), WRITE);
    assertThat(keys.decrypted).isEqualTo(1);
    for (CredentialSeal.Sealed sealed : backlog) {
      opener.open(sealed, WRITE);
    }
    assertThat(keys.decrypted).isEqualTo(CredentialSeal.OPEN_KEYS_KEPT + 1);
    opener.open(backlog.get(0), WRITE); // the least recently used, let go
    assertThat(keys.decrypted).isEqualTo(CredentialSeal.OPEN_KEYS_KEPT + 2);
  }
}

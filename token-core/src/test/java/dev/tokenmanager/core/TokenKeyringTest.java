package dev.tokenmanager.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenKeyringTest {

  static final String KEY_A = base64(1);
  static final String KEY_B = base64(2);
  static final String KEY_C = base64(3);

  static byte[] bytes(int fill) {
    byte[] key = new byte[32];
    Arrays.fill(key, (byte) fill);
    return key;
  }

  static String base64(int fill) {
    return Base64.getEncoder().encodeToString(bytes(fill));
  }

  static String keyId(byte[] key) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key)).substring(0, 8);
  }

  @Test
  void fromBase64_currentAndPrevious_keyIdsAreTheFirst8HexOfTheSha256OfEachKey() throws Exception {
    TokenKeyring keyring = TokenKeyring.fromBase64(KEY_A, List.of(KEY_B, KEY_C));

    assertThat(keyring.currentKeyId()).isEqualTo(keyId(bytes(1))).matches("[0-9a-f]{8}");
    assertThat(keyring.keyIds()).containsExactly(keyId(bytes(1)), keyId(bytes(2)), keyId(bytes(3)));
  }

  @Test
  void fromBase64_urlSafeUnpaddedOrSurroundedBySpace_isAccepted() throws Exception {
    byte[] key = new byte[32];
    Arrays.fill(key, (byte) 0xfb); // encodes to '+' and '/' in standard base64, '-' and '_' in URL-safe
    String urlSafe = Base64.getUrlEncoder().withoutPadding().encodeToString(key);

    assertThat(TokenKeyring.fromBase64(urlSafe).currentKeyId()).isEqualTo(keyId(key));
    assertThat(TokenKeyring.fromBase64("  " + Base64.getEncoder().encodeToString(key) + "\n").currentKeyId())
        .isEqualTo(keyId(key));
  }

  @Test
  void of_rawKeys_matchesTheBase64Form() {
    TokenKeyring raw = TokenKeyring.of(bytes(1), List.of(bytes(2)));

    assertThat(raw.keyIds()).isEqualTo(TokenKeyring.fromBase64(KEY_A, List.of(KEY_B)).keyIds());
  }

  @Test
  void of_callerClearsItsArrayAfterwards_keyringKeepsItsCopy() {
    byte[] key = bytes(1);
    TokenKeyring keyring = TokenKeyring.of(key, List.of());
    Arrays.fill(key, (byte) 0);

    assertThat(keyring.currentKey().getEncoded()).isEqualTo(bytes(1));
  }

  @Test
  void fromBase64_currentKeyOf16Bytes_namesTheCurrentKeyAndTheLengthButNotTheKey() {
    String short16 = Base64.getEncoder().encodeToString(new byte[16]);

    assertThatThrownBy(() -> TokenKeyring.fromBase64(short16, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("current key must be base64 of 32 bytes, but decodes to 16 bytes")
        .message().doesNotContain(short16);
  }

  @Test
  void fromBase64_secondPreviousKeyNotBase64_namesItsPositionButNotTheKey() {
    String notBase64 = "not*base64!secret-material";

    assertThatThrownBy(() -> TokenKeyring.fromBase64(KEY_A, List.of(KEY_B, notBase64)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("previous key #2 must be base64 of 32 bytes, but is not valid base64")
        .message().doesNotContain("secret").doesNotContain("*");
  }

  @Test
  void fromBase64_missingOrBlankKey_saysSo() {
    assertThatThrownBy(() -> TokenKeyring.fromBase64(null, List.of()))
        .hasMessage("current key must be base64 of 32 bytes, but was null");
    assertThatThrownBy(() -> TokenKeyring.fromBase64(KEY_A, List.of(" ")))
        .hasMessage("previous key #1 must be base64 of 32 bytes, but was blank");
  }

  @Test
  void fromBase64_currentKeyOf64Bytes_isRejectedWithoutShowingIt() {
    String long64 = Base64.getEncoder().encodeToString(new byte[64]);

    assertThatThrownBy(() -> TokenKeyring.fromBase64(long64))
        .hasMessage("current key must be base64 of 32 bytes, but decodes to 64 bytes");
  }

  @Test
  void of_rawKeyOfWrongLengthOrNull_namesTheKey() {
    assertThatThrownBy(() -> TokenKeyring.of(new byte[31], List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("current key must be 32 bytes (AES-256), but was 31 bytes");
    assertThatThrownBy(() -> TokenKeyring.of(bytes(1), Arrays.asList(bytes(2), null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("previous key #2 must be 32 bytes, but was null");
  }

  @Test
  void fromBase64_previousKeyRepeatsTheCurrentOne_isIgnored() {
    TokenKeyring keyring = TokenKeyring.fromBase64(KEY_A, List.of(KEY_B, KEY_A, KEY_B));

    assertThat(keyring.keyIds()).hasSize(2);
  }

  @Test
  void toString_showsKeyIdsButNoKeyMaterial() {
    TokenKeyring keyring = TokenKeyring.fromBase64(KEY_A, List.of(KEY_B));

    assertThat(keyring.toString())
        .isEqualTo("TokenKeyring[current=" + keyring.keyIds().get(0) + ", previous=[" + keyring.keyIds().get(1) + "]]")
        .doesNotContain(KEY_A.substring(0, 8)).doesNotContain(KEY_B.substring(0, 8));
  }
}

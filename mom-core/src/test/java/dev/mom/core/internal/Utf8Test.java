package dev.mom.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Utf8Test {

  @ParameterizedTest
  @CsvSource({
    "'', -1",
    "41, -1",
    "c3a9, -1",
    "e282ac, -1",
    "f09f9a9a, -1",
    "f48fbfbf, -1",
    "efbbbf7b7d, -1",
    "c0af, 0",
    "c1bf, 0",
    "e08080, 0",
    "eda080, 0",
    "f08f8080, 0",
    "f4908080, 0",
    "f5808080, 0",
    "ff, 0",
    "80, 0",
    "41c3, 1",
    "41e282, 1",
    "4141c328, 2"
  })
  void findsTheFirstByteOfAMalformedSequence(String hex, int expected) {
    byte[] bytes = HexFormat.of().parseHex(hex);

    int invalid = Utf8.firstInvalidByte(bytes);

    assertThat(invalid).isEqualTo(expected);
  }

  @Test
  void agreesWithTheJdksStrictDecoderOnRandomBytes() {
    Random random = new Random(42);

    for (int i = 0; i < 20_000; i++) {
      byte[] bytes = randomMostlyUtf8(random);

      boolean valid = Utf8.firstInvalidByte(bytes) < 0;

      assertThat(valid).as(HexFormat.of().formatHex(bytes)).isEqualTo(decodesStrictly(bytes));
    }
  }

  private static byte[] randomMostlyUtf8(Random random) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 6; i++) {
      text.appendCodePoint(random.nextInt(0x3000) + (random.nextBoolean() ? 0x1F000 : 0));
    }
    byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
    if (random.nextBoolean()) {
      bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
    }
    return bytes;
  }

  private static boolean decodesStrictly(byte[] bytes) {
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}

package io.callbridge.shared;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What text may not hold: U+0000 and half of a surrogate pair, wherever it is; a whole
 * pair (an emoji) and every other control character may be stored.
 */
class StorableTextTest {

	@Test
	void aNulIsFoundWhereverItIs() {
		assertThat(StorableText.firstUnstorable("\0abc")).isZero();
		assertThat(StorableText.firstUnstorable("ab\0")).isEqualTo(2);
		assertThat(StorableText.code("ab\0", 2)).isEqualTo("0000");
	}

	@Test
	void halfAPairIsFoundAtEitherEndOrAlone() {
		assertThat(StorableText.firstUnstorable("a\uD83D")).isEqualTo(1);
		assertThat(StorableText.firstUnstorable("\uDE00a")).isZero();
		assertThat(StorableText.firstUnstorable("\uDE00\uD83D")).isZero();
		assertThat(StorableText.firstUnstorable("\uD83D\uD83D\uDE00")).isZero();
		assertThat(StorableText.code("\uDE00", 0)).isEqualTo("DE00");
	}

	@Test
	void wholePairsAndOtherControlCharactersMayBeStored() {
		assertThat(StorableText.firstUnstorable("Ana \uD83D\uDE00 García\t\r\n\u0001")).isEqualTo(-1);
		assertThat(StorableText.firstUnstorable("")).isEqualTo(-1);
	}

}

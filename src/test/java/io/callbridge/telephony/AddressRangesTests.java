package io.callbridge.telephony;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Source-address allow-lists: addresses and CIDR ranges parsed once; a list with a typo
 * is refused when parsed strictly and, read leniently, stays restricted.
 */
class AddressRangesTests {

	@Test
	void aRangeAllowsItsAddressesOnly() {
		AddressRanges zadarma = AddressRanges.parse("185.45.152.40/30, 10.0.0.1");

		assertThat(zadarma.allows("185.45.152.40")).isTrue();
		assertThat(zadarma.allows("185.45.152.43")).isTrue();
		assertThat(zadarma.allows("185.45.152.44")).isFalse();
		assertThat(zadarma.allows("10.0.0.1")).isTrue();
		assertThat(zadarma.allows("0:0:0:0:0:0:0:1")).isFalse();
	}

	@Test
	void aBlankListAllowsEveryone() {
		assertThat(AddressRanges.parse(" ").allows("203.0.113.9")).isTrue();
		assertThat(AddressRanges.parse("").acceptsAny()).isTrue();
	}

	@Test
	void aTypoIsNamedAndTheLenientListMatchesNobodyForIt() {
		assertThat(AddressRanges.firstUnusable("185.45.152.40/3O, 10.0.0.1")).isEqualTo("185.45.152.40/3O");
		assertThat(AddressRanges.firstUnusable("10.0.0.256")).isEqualTo("10.0.0.256");
		assertThat(AddressRanges.firstUnusable("10.0.0.0/33")).isEqualTo("10.0.0.0/33");
		assertThat(AddressRanges.firstUnusable("10.0.0.1,")).isEqualTo("");
		assertThatIllegalArgumentException().isThrownBy(() -> AddressRanges.parse("185.45.152.40/3O"));

		AddressRanges lenient = AddressRanges.usableEntriesOf("185.45.152.40/3O");

		assertThat(lenient.acceptsAny()).isFalse();
		assertThat(lenient.allows("185.45.152.40")).isFalse();
	}

}

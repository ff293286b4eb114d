package io.callbridge.uis.inbound;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How a UIS notification's JSON values are read as text. */
class UisNotificationTest {

	@Test
	void numbersAreReadAsWrittenWithinAnyRange() {
		UisNotification read = UisNotification
			.read(Map.of(),
					"{\"huge\":1e400,\"negative\":-1e400,\"tiny\":1e-400,\"whole\":5.0,\"exponent\":1E2,"
							+ "\"long\":12345678901234567890,\"fraction\":0.25,\"far\":1e-999999999}")
			.notification();

		assertThat(read).isNotNull();
		assertThat(read.get("huge")).isEqualTo("1E+400");
		assertThat(read.get("negative")).isEqualTo("-1E+400");
		assertThat(read.get("tiny")).isEqualTo("1E-400");
		assertThat(read.get("whole")).isEqualTo("5");
		assertThat(read.get("exponent")).isEqualTo("100");
		assertThat(read.get("long")).isEqualTo("12345678901234567890");
		assertThat(read.get("fraction")).isEqualTo("0.25");
		assertThat(read.get("far")).isEqualTo("1E-999999999");
	}

}

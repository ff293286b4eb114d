package io.callbridge.shared;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The text format of PostgreSQL's COPY: values that hold the format's own characters are
 * escaped, everything else is sent as it is.
 */
class CopyTextTest {

	@Test
	void separatesValuesByTabsAndRowsByNewlines() {
		String text = new CopyText().add(1L).add("Ana").endRow().add(2L).add("Luis").endRow().toString();

		assertThat(text).isEqualTo("1\tAna\n2\tLuis\n");
	}

	@Test
	void escapesBackslashTabNewlineAndCarriageReturn() {
		String text = new CopyText().add("a\\b\tc\nd\re").endRow().toString();

		assertThat(text).isEqualTo("a\\\\b\\tc\\nd\\re\n");
	}

	@Test
	void escapesAtTheEdgesAndOneAfterAnotherAndLeavesAnEmptyTextEmpty() {
		String text = new CopyText().add("\\\tx\r\n").add("").add("\n").add("plain").endRow().toString();
		assertThat(text).isEqualTo("\\\\\\tx\\r\\n\t\t\\n\tplain\n");
	}

	@Test
	void escapesACharacterThatIsTheOnlyOneToEscapeInALongValue() {
		String padding = "{\"route_name\":\"SPAIN MOBILE ñ\"}".repeat(20);
		for (String character : new String[] { "\\", "\t", "\n", "\r" }) {
			String text = new CopyText().add(padding + character + padding).toString();

			assertThat(text).isEqualTo(padding + switch (character) {
				case "\\" -> "\\\\";
				case "\t" -> "\\t";
				case "\n" -> "\\n";
				default -> "\\r";
			} + padding);
		}
	}

	@Test
	void writesTimesAsInstantDoes() {
		Random random = new Random(20261207);
		List<Instant> times = new ArrayList<>(List.of(Instant.EPOCH, Instant.parse("2026-12-07T01:02:03Z"),
				Instant.parse("2026-12-07T01:02:03.100Z"), Instant.parse("2026-12-07T01:02:03.000450Z"),
				Instant.parse("2026-12-07T01:02:03.000000007Z"), Instant.parse("9999-12-31T23:59:59.999999999Z"),
				Instant.parse("1000-01-01T00:00:00Z"), Instant.parse("0999-12-31T23:59:59Z"),
				Instant.parse("+10000-01-01T00:00:00Z"), Instant.parse("-0001-06-01T12:00:00Z")));
		for (int i = 0; i < 10_000; i++) {
			long seconds = random.nextLong(-62_000_000_000L, 253_402_300_800L);
			int nanos = switch (i % 4) {
				case 0 -> 0;
				case 1 -> random.nextInt(1000) * 1_000_000;
				case 2 -> random.nextInt(1_000_000) * 1_000;
				default -> random.nextInt(1_000_000_000);
			};
			times.add(Instant.ofEpochSecond(seconds, nanos));
		}
		for (Instant time : times) {
			assertThat(new CopyText().add(time).toString()).as("%s", time).isEqualTo(time.toString());
		}
	}

	@Test
	void writesTruthValuesAndDaysAsPostgresqlReadsThem() {
		String text = new CopyText().add(true).add(false).add(java.time.LocalDate.of(2026, 12, 4)).endRow().toString();
		assertThat(text).isEqualTo("t\tf\t2026-12-04\n");
	}

	@Test
	void writesNullAsBackslashNAndTheTextBackslashNEscaped() {
		String text = new CopyText().add((String) null).add((Long) null).add("\\N").endRow().toString();

		assertThat(text).isEqualTo("\\N\t\\N\t\\\\N\n");
	}

	@Test
	void leavesQuotesCommasAndUnicodeAsTheyAre() {
		String value = "\"O'Brien\", José 李 😀 ;|";

		CopyText copy = new CopyText().add(value).endRow();

		assertThat(copy.toString()).isEqualTo(value + "\n");
		assertThat(copy.bytes()).isEqualTo((value + "\n").getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void writesTimesInIso8601Utc() {
		String text = new CopyText().add(Instant.parse("2026-12-04T10:15:30.123456Z")).endRow().toString();

		assertThat(text).isEqualTo("2026-12-04T10:15:30.123456Z\n");
	}

}

package io.callbridge.telephony;

import java.math.BigDecimal;
import java.util.Locale;

import io.callbridge.shared.Text;
import org.junit.jupiter.api.Test;

import org.springframework.context.support.ResourceBundleMessageSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stored text comes back as the same text, shown in whichever language its reader has;
 * what was stored before as plain words comes back as those words.
 */
class StoredTextTests {

	@Test
	void keepsKeyArgumentsAndNestedTexts() {
		Text text = Text.of("clickToCall.providerRefused", Text.of("provider.zadarma"),
				Text.of("zadarma.noCredentials", "Ventas"));

		Text read = StoredText.read(StoredText.store(text, 4000));

		assertThat(read).isEqualTo(text);
		assertThat(read.in(messages(), Locale.forLanguageTag("es")))
			.isEqualTo("Zadarma rechazó la llamada: La cuenta de Zadarma 'Ventas' no tiene clave ni secreto de API.");
	}

	@Test
	void keepsNumbers() {
		Text text = Text.of("callmywayCheck.liveCalls", 3);

		Text read = StoredText.read(StoredText.store(text, 4000));

		assertThat(read.english()).isEqualTo("3 calls in progress.");
		assertThat(read.getArguments()).containsExactly(3L);
		assertThat(StoredText.read(StoredText.store(Text.of("x", new BigDecimal("1.5")), 100)).getArguments())
			.containsExactly(new BigDecimal("1.5"));
	}

	@Test
	void readsOldPlainWordsAsTheyAre() {
		assertThat(StoredText.read("CallMyWay: timeout")).isEqualTo(Text.literal("CallMyWay: timeout"));
		assertThat(StoredText.read("{\"not\": \"a text\"}")).isEqualTo(Text.literal("{\"not\": \"a text\"}"));
		assertThat(StoredText.read("{\"broken")).isEqualTo(Text.literal("{\"broken"));
		assertThat(StoredText.read(null)).isNull();
	}

	@Test
	void aTextTooLongForTheColumnIsKeptAsItsEnglishWordsCut() {
		Text text = Text.of("callmyway.unreachable", "/call/live", "x".repeat(500));

		String stored = StoredText.store(text, 200);

		assertThat(stored.length()).isLessThanOrEqualTo(200);
		assertThat(StoredText.read(stored).english()).startsWith("CallMyWay could not be reached for /call/live: xx");
	}

	private static ResourceBundleMessageSource messages() {
		ResourceBundleMessageSource source = new ResourceBundleMessageSource();
		source.setBasenames(Text.BUNDLES);
		source.setDefaultEncoding("UTF-8");
		source.setFallbackToSystemLocale(false);
		return source;
	}

}

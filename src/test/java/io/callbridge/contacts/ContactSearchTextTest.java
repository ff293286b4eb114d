package io.callbridge.contacts;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The normalized text contact search compares: lowercase, without diacritics.
 */
class ContactSearchTextTest {

	@Test
	void dropsCaseAndAccents() {
		assertThat(ContactSearchText.normalize("López")).isEqualTo("lopez");
		assertThat(ContactSearchText.normalize("MUÑOZ")).isEqualTo("munoz");
		assertThat(ContactSearchText.normalize("Çağrı Ünal")).isEqualTo("cagri unal");
		assertThat(ContactSearchText.normalize("François Nuñez-Pérez")).isEqualTo("francois nunez-perez");
	}

	@Test
	void spellsOutLettersWithABuiltInMark() {
		assertThat(ContactSearchText.normalize("Søren Łukasz Straße Œuvre")).isEqualTo("soren lukasz strasse oeuvre");
	}

	@Test
	void joinsTheSearchedFieldsSoNoSearchSpansTwoOfThem() {
		assertThat(ContactSearchText.of("Ana Peña", "Café SL", null, List.of("vip", "valència")))
			.isEqualTo("ana pena\ncafe sl\nvip\nvalencia");
	}

}

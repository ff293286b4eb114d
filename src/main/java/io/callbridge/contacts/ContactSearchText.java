package io.callbridge.contacts;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * The text contact search looks in, and the searched words, made comparable on every
 * database: lowercase and without diacritics ("López" and "LOPEZ" both become "lopez"),
 * so the search needs only a portable {@code LIKE} on the stored column.
 */
final class ContactSearchText {

	// Fields are joined with a character no search contains, so a search never matches
	// across two fields.
	private static final String SEPARATOR = "\n";

	private ContactSearchText() {
	}

	/** What is stored for a contact: its name, company, e-mail and tags, normalized. */
	static String of(String name, @Nullable String company, @Nullable String email, List<String> tags) {
		return Stream.concat(Stream.of(name, company, email), tags.stream())
			.filter((field) -> field != null && !field.isBlank())
			.map(ContactSearchText::normalize)
			.collect(Collectors.joining(SEPARATOR));
	}

	/** A text lowercased and without diacritics. */
	static String normalize(String text) {
		String decomposed = Normalizer.normalize(text.toLowerCase(Locale.ROOT), Normalizer.Form.NFKD);
		StringBuilder plain = new StringBuilder(decomposed.length());
		decomposed.codePoints().forEach((c) -> {
			switch (Character.getType(c)) {
				case Character.NON_SPACING_MARK, Character.COMBINING_SPACING_MARK, Character.ENCLOSING_MARK -> {
				}
				default -> plain.append(withoutStroke(c));
			}
		});
		return plain.toString();
	}

	// Letters that carry their mark inside them, so Unicode does not decompose them.
	private static String withoutStroke(int c) {
		return switch (c) {
			case 'ø' -> "o";
			case 'ł' -> "l";
			case 'đ' -> "d";
			case 'ħ' -> "h";
			case 'ı' -> "i";
			case 'ß' -> "ss";
			case 'æ' -> "ae";
			case 'œ' -> "oe";
			default -> Character.toString(c);
		};
	}

}

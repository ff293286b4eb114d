package io.callbridge.shared;

import java.io.Serial;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * A text a person reads, in their language: a message key of the {@code i18n} bundles
 * with its arguments, resolved with the reader's locale where it is shown (an API
 * problem, a UI page, a task title). Arguments may be texts themselves, resolved in the
 * same language. {@link #literal} carries words that come from outside (a provider's own
 * answer, what a user typed) and are shown as they are in every language.
 */
public final class Text implements MessageSourceResolvable, Serializable {

	/** The bundles every text is looked up in, in this order. */
	public static final String[] BUNDLES = { "i18n/problems", "i18n/messages", "i18n/pages" };

	@Serial
	private static final long serialVersionUID = 1L;

	private static final MessageSource ENGLISH = englishSource();

	private static volatile MessageSource application = ENGLISH;

	private final @Nullable String key;

	private final Object[] args;

	private final @Nullable String literal;

	private Text(@Nullable String key, Object[] args, @Nullable String literal) {
		this.key = key;
		this.args = args;
		this.literal = literal;
	}

	/**
	 * A text by message key.
	 * @param key the message key (present in the English and the Spanish bundle)
	 * @param args its arguments: values, or texts resolved in the same language
	 * @return the text
	 */
	public static Text of(String key, Object... args) {
		return new Text(Objects.requireNonNull(key), args.clone(), null);
	}

	/**
	 * Words shown as they are in every language (a provider's own message, user input).
	 * @param text the words
	 * @return the text
	 */
	public static Text literal(String text) {
		return new Text(null, new Object[0], Objects.requireNonNull(text));
	}

	/** The message key, or {@code null} for a literal. */
	public @Nullable String key() {
		return this.key;
	}

	@Override
	public String @Nullable [] getCodes() {
		return (this.key != null) ? new String[] { this.key } : null;
	}

	@Override
	public Object[] getArguments() {
		return this.args.clone();
	}

	@Override
	public @Nullable String getDefaultMessage() {
		return this.literal;
	}

	/**
	 * This text in a language.
	 * @param messages the application's messages
	 * @param locale the reader's locale
	 * @return the text; the key itself if no bundle has it
	 */
	public String in(MessageSource messages, Locale locale) {
		if (this.key == null) {
			return Objects.requireNonNull(this.literal);
		}
		return messages.getMessage(this.key, resolvedArgs(messages, locale), this.key, locale);
	}

	/**
	 * This text in the current reader's language (the locale of the request being served,
	 * English elsewhere), for texts rendered while reading records.
	 */
	public String localized() {
		return in(application, LocaleContextHolder.getLocale());
	}

	/**
	 * Makes {@link #localized()} use the application's messages (set once at start-up).
	 */
	static void useMessages(MessageSource messages) {
		application = messages;
	}

	/** This text in English, for logs and exception messages. */
	public String english() {
		return in(ENGLISH, Locale.ENGLISH);
	}

	// MessageSource resolves MessageSourceResolvable arguments itself, but a literal
	// argument would be looked up with a null code: resolve nested texts here.
	private Object[] resolvedArgs(MessageSource messages, Locale locale) {
		Object[] resolved = this.args.clone();
		for (int i = 0; i < resolved.length; i++) {
			if (resolved[i] instanceof Text text) {
				resolved[i] = text.in(messages, locale);
			}
		}
		return resolved;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof Text text && Objects.equals(this.key, text.key) && Arrays.equals(this.args, text.args)
				&& Objects.equals(this.literal, text.literal);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.key, Arrays.hashCode(this.args), this.literal);
	}

	@Override
	public String toString() {
		return english();
	}

	private static MessageSource englishSource() {
		ResourceBundleMessageSource source = new ResourceBundleMessageSource();
		source.setBasenames(BUNDLES);
		source.setDefaultEncoding("UTF-8");
		source.setFallbackToSystemLocale(false);
		return source;
	}

}

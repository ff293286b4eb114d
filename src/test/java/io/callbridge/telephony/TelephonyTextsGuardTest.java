package io.callbridge.telephony;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Telephony writes no English a person reads straight into the code: problems, field
 * errors, account checks, refusals and provider names are message keys with English and
 * Spanish wordings ({@code Text.of}), and the provider's own words are marked as such
 * ({@code Text.literal}). Every account check an adapter names has its name in both
 * languages.
 */
class TelephonyTextsGuardTest {

	// The port and every provider module (the providers left telephony in issue 10).
	private static final Path TELEPHONY = Path.of("src/main/java/io/callbridge");

	private static final List<Pattern> ENGLISH_IN_CODE = List.of(
			// A problem with a literal message: Conflict("…"), NotFound("…", id).
			Pattern.compile("new\\s+(Problems\\.)?(Conflict|Forbidden|ProviderFailure|NotFound)\\(\\s*\""),
			// A field error with a literal message: InvalidInput("field", "…").
			Pattern.compile("new\\s+(Problems\\.)?(InvalidInput|BadRequest|FieldError)\\(\\s*\"[^\"]*\"\\s*,\\s*\""),
			// An account check named and described in English words.
			Pattern.compile("new\\s+AccountCheck\\(\\s*\""),
			// A refusal or verdict in English words.
			Pattern.compile("new\\s+(OriginateResult\\.Refused|CredentialsVerdict\\.(Rejected|Unreachable)"
					+ "|HangUpResult\\.(NotInProgress|Refused))\\(\\s*\""),
			// A provider named in English.
			Pattern.compile("String\\s+displayName\\(\\)\\s*\\{\\s*return\\s+\""),
			// A stored or shown error made of an exception's English message.
			Pattern.compile("\\.failed\\([^;]*getMessage\\(\\)"),
			// Our own words passed off as the provider's (literal is for outside words).
			Pattern.compile("Text\\.literal\\(\\s*\""));

	private static final Pattern PROVIDER = Pattern.compile("String\\s+PROVIDER\\s*=\\s*\"(\\w+)\"");

	private static final Pattern CHECK = Pattern.compile("check\\(\\s*\"(\\w+)\"");

	@Test
	void telephonyCodeHasNoEnglishForPeople() throws IOException {
		List<String> found = new ArrayList<>();
		for (Path file : javaFiles()) {
			String code = Files.readString(file);
			for (Pattern pattern : ENGLISH_IN_CODE) {
				Matcher matcher = pattern.matcher(code);
				while (matcher.find()) {
					found.add(TELEPHONY.relativize(file) + ":" + lineOf(code, matcher.start()) + ": "
							+ matcher.group().replaceAll("\\s+", " "));
				}
			}
		}
		assertThat(found).as("English texts for people in telephony code; use Text.of(key) with both bundles")
			.isEmpty();
	}

	@Test
	void everyAccountCheckIsNamedInBothLanguages() throws IOException {
		Properties english = load("i18n/pages.properties");
		Properties spanish = load("i18n/pages_es.properties");
		List<String> missing = new ArrayList<>();
		int checks = 0;
		for (Path file : javaFiles()) {
			String code = Files.readString(file);
			Matcher provider = PROVIDER.matcher(code);
			if (!code.contains("AccountCheck.of(PROVIDER") || !provider.find()) {
				continue;
			}
			Matcher check = CHECK.matcher(code);
			while (check.find()) {
				checks++;
				String key = "check." + provider.group(1) + "." + check.group(1);
				if (!english.containsKey(key) || !spanish.containsKey(key)) {
					missing.add(key + " (" + file.getFileName() + ")");
				}
			}
		}
		assertThat(checks).as("account checks found").isGreaterThan(10);
		assertThat(missing).as("account check names missing in a language").isEmpty();
	}

	private static List<Path> javaFiles() throws IOException {
		try (Stream<Path> files = Files.walk(TELEPHONY)) {
			return files.filter((f) -> f.toString().endsWith(".java")).sorted().toList();
		}
	}

	private static int lineOf(String code, int offset) {
		return (int) code.substring(0, offset).chars().filter((c) -> c == '\n').count() + 1;
	}

	private static Properties load(String resource) throws IOException {
		Properties properties = new Properties();
		try (InputStream in = TelephonyTextsGuardTest.class.getClassLoader().getResourceAsStream(resource)) {
			assertThat(in).as(resource).isNotNull();
			properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
		}
		return properties;
	}

}

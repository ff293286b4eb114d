package io.callbridge.shared;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Everything a person reads exists in English and Spanish: both bundles of each kind have
 * the same keys, every pattern is a valid message format, and every key the code names in
 * {@code Text.of("…")} exists.
 */
class TextBundlesTest {

	private static final Pattern TEXT_KEY = Pattern.compile("Text\\.of\\(\\s*\"([^\"]+)\"");

	@Test
	void englishAndSpanishBundlesHaveTheSameKeys() throws IOException {
		for (String bundle : Text.BUNDLES) {
			Set<String> english = new TreeSet<>(load(bundle + ".properties").stringPropertyNames());
			Set<String> spanish = new TreeSet<>(load(bundle + "_es.properties").stringPropertyNames());
			assertThat(new TreeSet<>(spanish)).as("keys of %s_es", bundle).isEqualTo(new TreeSet<>(english));
		}
	}

	@Test
	void noBundleHoldsLeftoversOfAMerge() throws IOException {
		for (String bundle : Text.BUNDLES) {
			for (String file : new String[] { bundle + ".properties", bundle + "_es.properties" }) {
				try (InputStream in = getClass().getClassLoader().getResourceAsStream(file)) {
					String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
					assertThat(
							text.lines()
								.filter((line) -> line.startsWith("<<<<<<<") || line.equals("=======")
										|| line.startsWith(">>>>>>>")))
						.as("merge-conflict markers in %s", file)
						.isEmpty();
				}
			}
		}
	}

	@Test
	void everyPatternIsAValidMessageFormat() throws IOException {
		for (String bundle : Text.BUNDLES) {
			for (String file : new String[] { bundle + ".properties", bundle + "_es.properties" }) {
				Properties messages = load(file);
				for (String key : messages.stringPropertyNames()) {
					String pattern = messages.getProperty(key);
					if (pattern.contains("{0")) {
						assertThat(new MessageFormat(pattern).format(new Object[] { 1, 2, 3, 4, 5 }))
							.as("%s in %s", key, file)
							.doesNotContain("{");
					}
				}
			}
		}
	}

	@Test
	void everyTextKeyInTheCodeExistsInBothLanguages() throws IOException {
		Properties english = new Properties();
		Properties spanish = new Properties();
		for (String bundle : Text.BUNDLES) {
			english.putAll(load(bundle + ".properties"));
			spanish.putAll(load(bundle + "_es.properties"));
		}
		Set<String> missing = new TreeSet<>();
		try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
			for (Path file : files.filter((f) -> f.toString().endsWith(".java")).toList()) {
				Matcher keys = TEXT_KEY.matcher(Files.readString(file));
				while (keys.find()) {
					String key = keys.group(1);
					if (!english.containsKey(key) || !spanish.containsKey(key)) {
						missing.add(key + " (" + file.getFileName() + ")");
					}
				}
			}
		}
		assertThat(missing).as("message keys used in the code but missing in a bundle").isEmpty();
	}

	private static Properties load(String resource) throws IOException {
		Properties properties = new Properties();
		try (InputStream in = TextBundlesTest.class.getClassLoader().getResourceAsStream(resource)) {
			assertThat(in).as(resource).isNotNull();
			properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
		}
		return properties;
	}

}

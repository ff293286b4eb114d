package io.callbridge.shared;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps English sentences out of what the server writes for people: a problem, a field
 * error, a refused phone number or a flash message gets a {@link Text} (a key of the
 * bundles in English and Spanish), never a string literal. The {@code telephony} package
 * has its own guard.
 */
class ServerTextsGuardTest {

	private static final Path SOURCES = Path.of("src/main/java");

	private static final Path TELEPHONY = SOURCES.resolve("io/callbridge/telephony");

	/** Constructors taking a text a person reads, and the index of that argument. */
	private static final Map<String, Integer> TEXT_ARGUMENT = Map.of("NotFound", 0, "Conflict", 0, "Forbidden", 0,
			"ProviderFailure", 0, "InvalidInput", 1, "BadRequest", 1, "FieldError", 1, "Invalid", 1);

	private static final Pattern CONSTRUCTOR = Pattern
		.compile("new\\s+(?:[\\w.]+\\.)?(" + String.join("|", TEXT_ARGUMENT.keySet()) + ")\\s*\\(");

	/** Model and flash attributes: a message key has no spaces, a sentence has. */
	private static final Pattern ATTRIBUTE = Pattern.compile("\\.add(?:Flash)?Attribute\\s*\\(");

	/** Words of a sentence: a space, or a final full stop. */
	private static final Pattern SENTENCE = Pattern.compile("\\s|[.!?]\u0000");

	@Test
	void serverTextsOutsideTelephonyAreKeysOfTheBundles() throws IOException {
		List<String> literals = new ArrayList<>();
		try (Stream<Path> files = Files.walk(SOURCES)) {
			for (Path file : files.filter((f) -> f.toString().endsWith(".java") && !f.startsWith(TELEPHONY)).toList()) {
				literals.addAll(englishLiterals(SOURCES.relativize(file).toString(), Files.readString(file)));
			}
		}
		assertThat(literals).as("server texts written as English literals instead of Text.of(\"key\")").isEmpty();
	}

	@Test
	void findsTheLiteralsItGuardsAgainst() {
		String source = """
				throw new Problems.Conflict("You cannot delete your own account.");
				throw new Problems.NotFound("Call", id);
				throw new Problems.InvalidInput("from", "The period starts in the future.");
				errors.add(new FieldError("name", "The " + field + " may have at most " + max + " characters."));
				throw new Problems.Conflict(PhoneNumbers.display(e164) + " is already blacklisted.");
				return new PhoneNumber.Invalid(trimmed, "'" + trimmed + "' is not a valid phone number.");
				model.addAttribute("backfillError", "Dates must be given as YYYY-MM-DD.");
				redirect.addFlashAttribute("notice", "Saved.");
				""";
		assertThat(englishLiterals("Example.java", source)).hasSize(8);
	}

	@Test
	void letsKeysAndNonTextArgumentsPass() {
		String source = """
				throw new Problems.Conflict(Text.of("agent.deleteSelf"));
				throw new Problems.NotFound(Text.of("what.call"), id);
				throw new Problems.InvalidInput("from", Text.of("reconciliation.future", "a b"));
				errors.add(new FieldError("phones", invalid.reason()));
				errors.add(new org.springframework.validation.FieldError("form", "name", "x y"));
				redirect.addFlashAttribute("notice", "agents.created");
				model.addAttribute("errors", List.of(new FieldError("name", Text.of("token.nameRequired", "100"))));
				""";
		assertThat(englishLiterals("Example.java", source)).isEmpty();
	}

	private static List<String> englishLiterals(String file, String source) {
		List<String> found = new ArrayList<>();
		Matcher constructors = CONSTRUCTOR.matcher(source);
		while (constructors.find()) {
			List<String> args = arguments(source, constructors.end());
			int index = TEXT_ARGUMENT.get(constructors.group(1));
			// Two-argument forms only: Spring's own FieldError takes three.
			boolean textForm = (index == 0) || args.size() == 2;
			if (textForm && index < args.size() && hasTopLevelLiteral(args.get(index))) {
				found.add(file + ": " + constructors.group() + args.get(index));
			}
		}
		Matcher attributes = ATTRIBUTE.matcher(source);
		while (attributes.find()) {
			List<String> args = arguments(source, attributes.end());
			if (args.size() == 2 && hasTopLevelLiteral(args.get(1))
					&& SENTENCE.matcher(literalsOf(args.get(1))).find()) {
				found.add(file + ": " + attributes.group() + args.get(1));
			}
		}
		return found;
	}

	/** The top-level arguments of a call whose opening bracket ends at {@code start}. */
	private static List<String> arguments(String source, int start) {
		List<String> args = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		int depth = 0;
		for (int i = start; i < source.length(); i++) {
			char c = source.charAt(i);
			if (c == '"') {
				int end = endOfLiteral(source, i);
				current.append(source, i, end + 1);
				i = end;
				continue;
			}
			if (depth == 0 && (c == ')' || c == ',')) {
				args.add(current.toString().strip());
				current.setLength(0);
				if (c == ')') {
					return args;
				}
				continue;
			}
			depth += (c == '(' || c == '{' || c == '[') ? 1 : (c == ')' || c == '}' || c == ']') ? -1 : 0;
			current.append(c);
		}
		return args;
	}

	private static boolean hasTopLevelLiteral(String argument) {
		return !literalsOf(argument).isEmpty();
	}

	/** The string literals of an argument outside any nested call, joined. */
	private static String literalsOf(String argument) {
		StringBuilder literals = new StringBuilder();
		int depth = 0;
		for (int i = 0; i < argument.length(); i++) {
			char c = argument.charAt(i);
			if (c == '"') {
				int end = endOfLiteral(argument, i);
				if (depth == 0) {
					literals.append(argument, i + 1, end).append('\u0000');
				}
				i = end;
			}
			else if (c == '(') {
				depth++;
			}
			else if (c == ')') {
				depth--;
			}
		}
		return literals.toString();
	}

	private static int endOfLiteral(String source, int open) {
		if (source.startsWith("\"\"\"", open)) {
			int close = source.indexOf("\"\"\"", open + 3);
			return (close < 0) ? source.length() - 1 : close + 2;
		}
		for (int i = open + 1; i < source.length(); i++) {
			if (source.charAt(i) == '\\') {
				i++;
			}
			else if (source.charAt(i) == '"') {
				return i;
			}
		}
		return source.length() - 1;
	}

}

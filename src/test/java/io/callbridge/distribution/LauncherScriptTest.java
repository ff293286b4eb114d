package io.callbridge.distribution;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code bin/callbridge}, the launcher production starts a node with: which JDK it picks,
 * which jar, the heap cap it adds and how an operator's own options replace it. Runs the
 * script with {@code CALLBRIDGE_LAUNCHER_PRINT=true} against fake JDKs (scripts answering
 * {@code -version} as a JDK of a given release does) in a temporary folder.
 */
class LauncherScriptTest {

	private static final Path SCRIPT = Path.of("bin", "callbridge").toAbsolutePath();

	@TempDir
	Path root;

	private Path jvms;

	private Path jar;

	@BeforeEach
	void installsFakeJdksAndAJar() throws IOException {
		this.jvms = Files.createDirectories(this.root.resolve("jvm"));
		fakeJdk("jdk-17", "17.0.15");
		fakeJdk("jdk-21", "21.0.7");
		fakeJdk("jdk-25", "25.0.3");
		fakeJdk("jdk-8", "1.8.0_442");
		this.jar = Files.createDirectories(this.root.resolve("app/target")).resolve("callbridge-1.2.3.jar");
		Files.createFile(this.jar);
		Files.createFile(this.jar.resolveSibling("callbridge-1.2.3-plain.jar"));
	}

	@Test
	void picksTheNewestInstalledJdkWhenJavaHomeAndThePathHoldOlderOnes() throws Exception {
		Run run = launch(Map.of("JAVA_HOME", jdk("jdk-8"), "PATH", jdk("jdk-17") + "/bin:/usr/bin:/bin"),
				"--spring.profiles.active=postgres");

		assertThat(run.exit()).isZero();
		assertThat(run.lines()).containsExactly(jdk("jdk-25") + "/bin/java", "-Xmx256m", "-jar", this.jar.toString(),
				"--spring.profiles.active=postgres");
	}

	@Test
	void prefersJavaHomeWhenItIsRecentEnough() throws Exception {
		Run run = launch(Map.of("JAVA_HOME", jdk("jdk-21")));

		assertThat(run.exit()).isZero();
		assertThat(run.lines().get(0)).isEqualTo(jdk("jdk-21") + "/bin/java");
	}

	@Test
	void anOperatorsHeapReplacesTheCapAndTheirOtherOptionsFollowIt() throws Exception {
		Run run = launch(Map.of("JAVA_HOME", jdk("jdk-21"), "CALLBRIDGE_JAVA_OPTS",
				"-Xmx1g  -XX:+UseSerialGC -Dcallbridge.glob=*"));

		assertThat(run.lines()).containsExactly(jdk("jdk-21") + "/bin/java", "-Xmx1g", "-XX:+UseSerialGC",
				"-Dcallbridge.glob=*", "-jar", this.jar.toString());
	}

	@Test
	void aHeapGivenAsAShareOfMemoryAlsoReplacesTheCap() throws Exception {
		Run run = launch(Map.of("JAVA_HOME", jdk("jdk-21"), "CALLBRIDGE_JAVA_OPTS", "-XX:MaxRAMPercentage=50"));

		assertThat(run.lines()).containsExactly(jdk("jdk-21") + "/bin/java", "-XX:MaxRAMPercentage=50", "-jar",
				this.jar.toString());
	}

	@Test
	void anOptionThatOnlyMentionsTheHeapKeepsTheCap() throws Exception {
		Run run = launch(Map.of("JAVA_HOME", jdk("jdk-21"), "CALLBRIDGE_JAVA_OPTS", "-Dnote=-Xmx"));

		assertThat(run.lines()).containsExactly(jdk("jdk-21") + "/bin/java", "-Xmx256m", "-Dnote=-Xmx", "-jar",
				this.jar.toString());
	}

	@Test
	void theHeapCapCanBeChangedAlone() throws Exception {
		Run run = launch(Map.of("JAVA_HOME", jdk("jdk-21"), "CALLBRIDGE_HEAP", "512m"));

		assertThat(run.lines()).contains("-Xmx512m").doesNotContain("-Xmx256m");
	}

	@Test
	void passesTheApplicationsArgumentsAsGivenSpacesIncluded() throws Exception {
		Run run = launch(Map.of("JAVA_HOME", jdk("jdk-21")), "--a=1", "--callbridge.name=Centro de llamadas", "");

		assertThat(run.lines().subList(run.lines().size() - 3, run.lines().size())).containsExactly("--a=1",
				"--callbridge.name=Centro de llamadas", "");
	}

	@Test
	void refusesToStartWithOnlyOldJdksAndNamesThem() throws Exception {
		Files.delete(this.jvms.resolve("jdk-21/bin/java"));
		Files.delete(this.jvms.resolve("jdk-25/bin/java"));

		Run run = launch(Map.of("PATH", jdk("jdk-17") + "/bin:/usr/bin:/bin"));

		assertThat(run.exit()).isEqualTo(1);
		assertThat(run.lines()).isEmpty();
		assertThat(run.errors()).contains("Callbridge needs Java 21 or newer")
			.contains(jdk("jdk-17") + "/bin/java (17)")
			.contains(jdk("jdk-8") + "/bin/java (8)");
	}

	@Test
	void refusesInSpanishWhenTheLocaleIsSpanish() throws Exception {
		Files.delete(this.jvms.resolve("jdk-21/bin/java"));
		Files.delete(this.jvms.resolve("jdk-25/bin/java"));

		Run run = launch(Map.of("PATH", jdk("jdk-17") + "/bin:/usr/bin:/bin", "LANG", "es_ES.UTF-8"));

		assertThat(run.exit()).isEqualTo(1);
		assertThat(run.errors()).contains("Callbridge necesita Java 21 o más reciente")
			.contains(jdk("jdk-17") + "/bin/java (17)");
	}

	@Test
	void namesAMissingJarInSpanishWhenTheLocaleIsSpanish() throws Exception {
		Run run = launch(Map.of("JAVA_HOME", jdk("jdk-21"), "CALLBRIDGE_JAR", "/nonexistent.jar", "LANG", "es_MX"));

		assertThat(run.errors()).contains("CALLBRIDGE_JAR es /nonexistent.jar, que no es un archivo");
	}

	@Test
	void saysHowToBuildTheJarWhenThereIsNone() throws Exception {
		Files.delete(this.jar);

		Run run = launch(Map.of("JAVA_HOME", jdk("jdk-21")));

		assertThat(run.exit()).isEqualTo(1);
		assertThat(run.errors()).contains("no callbridge-*.jar").contains("./mvnw -B package -DskipTests");
	}

	@Test
	void takesTheJarNamedByTheOperator() throws Exception {
		Path elsewhere = Files.createFile(this.root.resolve("node.jar"));

		Run run = launch(Map.of("JAVA_HOME", jdk("jdk-21"), "CALLBRIDGE_JAR", elsewhere.toString()));

		assertThat(run.lines()).contains(elsewhere.toString());
		assertThat(launch(Map.of("JAVA_HOME", jdk("jdk-21"), "CALLBRIDGE_JAR", "/nonexistent.jar")).errors())
			.contains("CALLBRIDGE_JAR is /nonexistent.jar, which is not a file");
	}

	private void fakeJdk(String name, String release) throws IOException {
		Path bin = Files.createDirectories(this.jvms.resolve(name).resolve("bin"));
		Path java = bin.resolve("java");
		Files.writeString(java, "#!/bin/sh\necho 'openjdk version \"" + release + "\" 2025-04-15' >&2\n");
		Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
	}

	private String jdk(String name) {
		return this.jvms.resolve(name).toString();
	}

	// The script copied beside the fake jar's folder, as in a distribution: bin/ next to
	// target/.
	private Run launch(Map<String, String> environment, String... arguments) throws Exception {
		Path bin = Files.createDirectories(this.root.resolve("app/bin"));
		Path script = bin.resolve("callbridge");
		if (!Files.exists(script)) {
			Files.copy(SCRIPT, script);
		}
		List<String> command = new ArrayList<>(List.of("bash", script.toString()));
		command.addAll(List.of(arguments));
		ProcessBuilder builder = new ProcessBuilder(command);
		builder.environment().clear();
		builder.environment().put("PATH", "/usr/bin:/bin");
		builder.environment().put("CALLBRIDGE_JVM_DIRS", this.jvms.toString());
		builder.environment().put("CALLBRIDGE_LAUNCHER_PRINT", "true");
		builder.environment().putAll(environment);
		Process process = builder.start();
		String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		return new Run(process.exitValue(), out.lines().toList(), err);
	}

	/** What the script printed (one word of the command per line) and its errors. */
	private record Run(int exit, List<String> lines, String errors) {
	}

}

package io.callbridge.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The data folder and its files (the H2 database, the generated key) are readable by
 * their owner only: the folder is created or tightened before any bean runs, the files
 * once the beans have created them.
 */
class DataDirectoryTest {

	@TempDir
	Path temp;

	@BeforeEach
	void posixOnly() {
		assumeTrue(Files.getFileAttributeView(this.temp, PosixFileAttributeView.class) != null,
				"POSIX permissions are not supported here");
	}

	@Test
	void newFolderIsCreatedForItsOwnerOnly() throws IOException {
		Path folder = this.temp.resolve("a/data");

		DataDirectory.secureFolder(folder);

		assertThat(permissions(folder)).isEqualTo("rwx------");
	}

	@Test
	void existingOpenFolderAndItsFilesAreClosed() throws IOException {
		Path folder = Files.createDirectory(this.temp.resolve("data"),
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
		Path file = Files.writeString(folder.resolve("callbridge.mv.db"), "x");
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

		DataDirectory.secureFolder(folder);
		DataDirectory.secureFiles(folder);

		assertThat(permissions(folder)).isEqualTo("rwx------");
		assertThat(permissions(file)).isEqualTo("rw-------");
	}

	@Test
	void applicationOpensItsH2DatabaseInAClosedFolderAndClosesItsFiles() {
		Path folder = this.temp.resolve("data");
		new ApplicationContextRunner().withPropertyValues("callbridge.data-dir=" + folder)
			.withBean(DataDirectory.class)
			.withUserConfiguration(FileDatabase.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(FileDatabase.class).folderPermissionsWhenOpened).isEqualTo("rwx------");
				List<Path> files;
				try (Stream<Path> listed = Files.list(folder)) {
					files = listed.toList();
				}
				assertThat(files).isNotEmpty()
					.allSatisfy((file) -> assertThat(permissions(file)).isEqualTo("rw-------"));
			});
	}

	private static String permissions(Path path) throws IOException {
		return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
	}

	/**
	 * A bean that opens an H2 file database in the data folder, as the application does.
	 */
	@Configuration(proxyBeanMethods = false)
	static class FileDatabase {

		String folderPermissionsWhenOpened = "";

		@Bean
		String database(Environment environment) throws SQLException, IOException {
			Path folder = Path.of(environment.getRequiredProperty("callbridge.data-dir"));
			this.folderPermissionsWhenOpened = permissions(folder);
			try (Connection connection = DriverManager
				.getConnection("jdbc:h2:file:" + folder.toAbsolutePath() + "/callbridge", "sa", "")) {
				connection.createStatement().execute("CREATE TABLE t (id INT)");
			}
			Files.writeString(folder.resolve("encryption.key"), "generated");
			return "opened";
		}

	}

}

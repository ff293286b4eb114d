package io.callbridge.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Keeps the data folder ({@code callbridge.data-dir}: the H2 database, the generated
 * encryption key) readable by the owner only, where the file system has POSIX
 * permissions: the folder is created (or tightened) to {@code rwx------} before any bean
 * (so before H2 opens its files or the key is generated), and once every bean exists (the
 * database opened, the key generated) its files are set to {@code rw-------}. Files H2
 * creates later are inside the closed folder.
 */
@Component
class DataDirectory implements BeanFactoryPostProcessor, EnvironmentAware, SmartInitializingSingleton {

	static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");

	static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

	private static final Logger log = LoggerFactory.getLogger(DataDirectory.class);

	private Path folder = Path.of("./data");

	@Override
	public void setEnvironment(Environment environment) {
		this.folder = Path.of(environment.getProperty("callbridge.data-dir", "./data"));
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		secureFolder(this.folder);
	}

	// Every singleton exists now: the database has been opened and migrated, the key
	// generated.
	@Override
	public void afterSingletonsInstantiated() {
		secureFiles(this.folder);
	}

	/** Creates the folder owner-only, or takes the group's and others' rights away. */
	static void secureFolder(Path folder) {
		try {
			if (!posix(folder.toAbsolutePath().getParent())) {
				Files.createDirectories(folder);
				return;
			}
			if (Files.notExists(folder)) {
				Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(FOLDER));
			}
			if (!Files.getPosixFilePermissions(folder).equals(FOLDER)) {
				Files.setPosixFilePermissions(folder, FOLDER);
				log.info("Restricted the data folder {} to its owner", folder.toAbsolutePath());
			}
		}
		catch (IOException | UnsupportedOperationException ex) {
			log.warn("Could not create the data folder {} readable by its owner only: {}", folder.toAbsolutePath(),
					ex.toString());
		}
	}

	/** Takes the group's and others' rights to the folder's files away. */
	static void secureFiles(Path folder) {
		if (!Files.isDirectory(folder) || !posix(folder)) {
			return;
		}
		try (Stream<Path> files = Files.list(folder)) {
			files.filter(Files::isRegularFile).forEach(DataDirectory::secureFile);
		}
		catch (IOException ex) {
			log.warn("Could not restrict the files of the data folder {}: {}", folder.toAbsolutePath(), ex.toString());
		}
	}

	private static void secureFile(Path file) {
		try {
			if (!Files.getPosixFilePermissions(file).equals(FILE)) {
				Files.setPosixFilePermissions(file, FILE);
			}
		}
		catch (IOException ex) {
			log.warn("Could not restrict {} to its owner: {}", file.toAbsolutePath(), ex.toString());
		}
	}

	private static boolean posix(Path existing) {
		Path probe = existing;
		while (probe != null && Files.notExists(probe)) {
			probe = probe.getParent();
		}
		return probe != null && Files.getFileAttributeView(probe, PosixFileAttributeView.class) != null;
	}

}

package io.callbridge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verifies the module structure (no cycles, no access to other modules' internals, each
 * module only using the modules it declares) and writes the module documentation to
 * {@code target/spring-modulith-docs}.
 */
class ModularityTests {

	/** The modules that must each be a box of their own in the module map. */
	static final List<String> OWN_BOXES = List.of("telephony", "sandbox", "zadarma", "callmyway", "coordination");

	private final ApplicationModules modules = ApplicationModules.of(CallbridgeApplication.class);

	@Test
	void modulesRespectTheirBoundaries() {
		this.modules.verify();
	}

	@Test
	void writesModuleDocumentation() {
		new Documenter(this.modules).writeDocumentation();
	}

	@Test
	void moduleMapShowsEachProviderAsABoxOfItsOwn() throws IOException {
		Path folder = Path.of("target", "module-map-check");
		new Documenter(this.modules, Documenter.Options.defaults().withOutputFolder(folder.toString()))
			.writeModulesAsPlantUml();
		String map = Files.readString(folder.resolve("components.puml"));

		for (String module : OWN_BOXES) {
			String displayName = this.modules.getModuleByName(module).orElseThrow().getDisplayName();
			assertThat(map).as("box of module %s", module).contains("Component(").contains("\"" + displayName + "\"");
		}
	}

}

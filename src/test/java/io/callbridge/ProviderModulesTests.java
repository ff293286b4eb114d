package io.callbridge;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the module test does not say about the adapters: a telephony provider module uses
 * no other provider and depends only on the telephony port and the shared modules, and no
 * other module uses a provider (only the port); every implementation of the port lives in
 * a declared provider module (so a new provider gets these rules too). The same holds for
 * CRM connectors ({@code io.callbridge.crm.<name>}): a connector uses no other connector,
 * depends only on the CRM port (the {@code crm} root), the telephony root and the shared
 * modules, is used by nobody else, and every {@code CrmConnector} lives in a declared
 * connector (the core's own sub-packages of {@code crm}, e.g. {@code crm.web}, are not
 * connectors).
 */
class ProviderModulesTests {

	/**
	 * The provider modules, with what each may use beyond the port and shared modules.
	 */
	static final Map<String, Set<String>> PROVIDERS = Map.of("sandbox",
			Set.of("io.callbridge.agents", "io.callbridge.security.TenantAdminCreated"), "zadarma", Set.of(),
			"callmyway", Set.of(), "uis", Set.of());

	/** What every provider may use: the port's root package and the shared modules. */
	static final Set<String> PROVIDER_DEPENDENCIES = Set.of("io.callbridge.telephony", "io.callbridge.coordination",
			"io.callbridge.shared..", "io.callbridge.tenants");

	/** The CRM connector modules, below {@code io.callbridge.crm}. */
	static final Map<String, Set<String>> CONNECTORS = Map.of("retailcrm", Set.of());

	/**
	 * What every connector may use: the CRM port (the {@code crm} root, not the core's
	 * sub-packages), the telephony root and the shared modules.
	 */
	static final Set<String> CONNECTOR_DEPENDENCIES = Set.of("io.callbridge.crm", "io.callbridge.telephony",
			"io.callbridge.coordination", "io.callbridge.shared..", "io.callbridge.tenants");

	private static final JavaClasses APPLICATION = new ClassFileImporter()
		.withImportOption(new ImportOption.DoNotIncludeTests())
		.importPackages("io.callbridge");

	private final Rules rules = new Rules("io.callbridge", "io.callbridge", PROVIDERS, PROVIDER_DEPENDENCIES,
			"io.callbridge.telephony.TelephonyProvider");

	private final Rules connectors = new Rules("io.callbridge", "io.callbridge.crm", CONNECTORS, CONNECTOR_DEPENDENCIES,
			"io.callbridge.crm.CrmConnector");

	@Test
	void providersDoNotUseEachOther() {
		this.rules.providersIndependent().check(APPLICATION);
	}

	@Test
	void providersDependOnlyOnThePortAndSharedModules() {
		this.rules.providersOnlyOnPort().check(APPLICATION);
	}

	@Test
	void onlyProvidersUseAProviderModule() {
		this.rules.providersUsedOnlyThroughPort().check(APPLICATION);
	}

	@Test
	void everyTelephonyProviderLivesInADeclaredProviderModule() {
		this.rules.portImplementedOnlyByProviders().check(APPLICATION);
	}

	@Test
	void everyDeclaredProviderModuleImplementsThePort() {
		assertThat(this.rules.providersWithoutPort(APPLICATION)).isEmpty();
	}

	@Test
	void crmConnectorsDoNotUseEachOther() {
		this.connectors.providersIndependent().check(APPLICATION);
	}

	@Test
	void crmConnectorsDependOnlyOnThePortAndSharedModules() {
		this.connectors.providersOnlyOnPort().check(APPLICATION);
	}

	@Test
	void onlyConnectorsUseAConnectorModule() {
		this.connectors.providersUsedOnlyThroughPort().check(APPLICATION);
	}

	@Test
	void everyCrmConnectorLivesInADeclaredConnectorModule() {
		this.connectors.portImplementedOnlyByProviders().check(APPLICATION);
	}

	@Test
	void everyDeclaredConnectorModuleImplementsThePort() {
		assertThat(this.connectors.providersWithoutPort(APPLICATION)).isEmpty();
	}

	@Test
	void eachRuleFailsOnAnApplicationThatBreaksIt() {
		JavaClasses broken = new ClassFileImporter().importPackages("io.callbridge.archfixture");
		Rules fixture = new Rules("io.callbridge.archfixture", "io.callbridge.archfixture",
				Map.of("alpha", Set.of(), "beta", Set.of()), Set.of("io.callbridge.archfixture.port"),
				"io.callbridge.archfixture.port.Port");

		assertThatThrownBy(() -> fixture.providersIndependent().check(broken)).hasMessageContaining("AlphaClient")
			.hasMessageContaining("BetaClient");
		assertThatThrownBy(() -> fixture.providersOnlyOnPort().check(broken)).hasMessageContaining("AlphaClient");
		assertThatThrownBy(() -> fixture.providersUsedOnlyThroughPort().check(broken)).hasMessageContaining("Dialer");
		assertThatThrownBy(() -> fixture.portImplementedOnlyByProviders().check(broken))
			.hasMessageContaining("GammaClient");
		assertThat(new Rules("io.callbridge.archfixture", "io.callbridge.archfixture",
				Map.of("alpha", Set.of(), "crm", Set.of()), Set.of(), "io.callbridge.archfixture.port.Port")
			.providersWithoutPort(broken)).containsExactly("crm");
	}

	@Test
	void eachConnectorRuleFailsOnAnApplicationThatBreaksIt() {
		JavaClasses broken = new ClassFileImporter().importPackages("io.callbridge.archfixture");
		Rules fixture = new Rules("io.callbridge.archfixture", "io.callbridge.archfixture.crm",
				Map.of("one", Set.of(), "two", Set.of()),
				Set.of("io.callbridge.archfixture.crm", "io.callbridge.archfixture.port"),
				"io.callbridge.archfixture.crm.CrmPort");

		assertThatThrownBy(() -> fixture.providersIndependent().check(broken)).hasMessageContaining("OneConnector")
			.hasMessageContaining("TwoConnector");
		// The port's root is allowed, the core's own sub-package (crm.core) is not.
		assertThatThrownBy(() -> fixture.providersOnlyOnPort().check(broken)).hasMessageContaining("CrmCoreService")
			.hasMessageNotContaining("CrmPort>");
		// Even the CRM core's own sub-packages reach a connector only through the port.
		assertThatThrownBy(() -> fixture.providersUsedOnlyThroughPort().check(broken))
			.hasMessageContaining("CrmCoreService");
		assertThatThrownBy(() -> fixture.portImplementedOnlyByProviders().check(broken))
			.hasMessageContaining("StrayConnector");
		assertThat(new Rules("io.callbridge.archfixture", "io.callbridge.archfixture.crm",
				Map.of("one", Set.of(), "core", Set.of()), Set.of(), "io.callbridge.archfixture.crm.CrmPort")
			.providersWithoutPort(broken)).containsExactly("core");
	}

	/**
	 * The rules for adapters of an application under {@code application}: its providers
	 * (each a package below {@code root}, with its extra allowed packages or classes),
	 * what any provider may use inside the application, and the port they implement.
	 */
	record Rules(String application, String root, Map<String, Set<String>> providers, Set<String> allowed,
			String port) {

		ArchRule providersIndependent() {
			return all(this.providers.keySet()
				.stream()
				.map((provider) -> noClasses().that()
					.resideInAPackage(inside(provider))
					.should()
					.dependOnClassesThat()
					.resideInAnyPackage(otherProviders(provider))));
		}

		ArchRule providersOnlyOnPort() {
			return all(this.providers.entrySet()
				.stream()
				.map((provider) -> classes().that()
					.resideInAPackage(inside(provider.getKey()))
					.should()
					.onlyDependOnClassesThat(allowedFor(provider.getKey(), provider.getValue()))));
		}

		// The rest of the application reaches a provider only through the port.
		ArchRule providersUsedOnlyThroughPort() {
			String[] providerPackages = this.providers.keySet().stream().map(this::inside).toArray(String[]::new);
			return noClasses().that()
				.resideOutsideOfPackages(providerPackages)
				.should()
				.dependOnClassesThat()
				.resideInAnyPackage(providerPackages);
		}

		ArchRule portImplementedOnlyByProviders() {
			return classes().that()
				.implement(this.port)
				.should()
				.resideInAnyPackage(this.providers.keySet().stream().map(this::inside).toArray(String[]::new))
				.as("every implementation of " + this.port + " lives in a declared provider module "
						+ this.providers.keySet());
		}

		/** The declared providers in which no class implements the port. */
		Set<String> providersWithoutPort(JavaClasses application) {
			return this.providers.keySet()
				.stream()
				.filter((provider) -> application.stream()
					.noneMatch((type) -> matches(type, inside(provider)) && !type.isInterface()
							&& type.isAssignableTo(this.port)))
				.collect(Collectors.toCollection(TreeSet::new));
		}

		private String inside(String provider) {
			return this.root + "." + provider + "..";
		}

		private String[] otherProviders(String provider) {
			return this.providers.keySet()
				.stream()
				.filter((other) -> !other.equals(provider))
				.map(this::inside)
				.toArray(String[]::new);
		}

		private DescribedPredicate<JavaClass> allowedFor(String provider, Set<String> extra) {
			List<String> packages = Stream.of(Set.of(inside(provider)), this.allowed, extra)
				.flatMap(Set::stream)
				.toList();
			return DescribedPredicate.describe("outside " + this.application + " or in " + packages,
					(type) -> !matches(type, this.application + "..")
							|| packages.stream().anyMatch((allowed) -> matches(type, allowed)));
		}

		// "a.b.." is a package and its sub-packages, "a.b" one package, "a.b.Type" a
		// class.
		private static boolean matches(JavaClass type, String allowed) {
			if (allowed.endsWith("..")) {
				String base = allowed.substring(0, allowed.length() - 2);
				return type.getPackageName().equals(base) || type.getPackageName().startsWith(base + ".");
			}
			return type.getPackageName().equals(allowed) || type.getName().equals(allowed)
					|| type.getName().startsWith(allowed + "$");
		}

		private static ArchRule all(Stream<ArchRule> rules) {
			return CompositeArchRule.of(rules.toList());
		}

	}

}

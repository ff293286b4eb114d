package io.callbridge.coordination;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleName;
import static com.tngtech.archunit.lang.conditions.ArchConditions.callMethod;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The rule behind "nodes whose clocks differ still coordinate exactly": the code that
 * schedules or claims work shared by nodes, and anything built on the coordination
 * module, never reads the node's own clock; "now" is the database's. A node whose clock
 * is seconds off therefore cannot shift a lease, a due time or a poll interval.
 */
class NodeClockRuleTests {

	private static final JavaClasses MAIN = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.callbridge");

	@Test
	void sharedSchedulesAndClaimsNeverReadTheNodesClock() {
		DescribedPredicate<JavaClass> coordinating = simpleName("ProviderPolls").or(simpleName("HistorySyncs"))
			.or(simpleName("CallHistoryReconciliation"))
			.or(simpleName("CallMyWayLivePoller"))
			.or(simpleName("CallRecordings"))
			.or(simpleName("RecordingFetchJob"))
			.or(simpleName("RecordingFetcher"))
			.or(simpleName("RecordingScheduler"))
			.or(simpleName("Recordings"))
			.or(simpleName("RetrySweep"))
			.or(simpleName("Retries"))
			.or(simpleName("PublicationRetries"))
			.or(resideInAPackage("io.callbridge.coordination"))
			.or(resideInAPackage("io.callbridge.webhooks"));
		ArchRule rule = noClasses().that(coordinating)
			.should(callMethod(Instant.class, "now"))
			.orShould(callMethod(System.class, "currentTimeMillis"))
			.orShould(callMethod(Clock.class, "systemUTC"))
			.orShould(callMethod(Clock.class, "systemDefaultZone"))
			.orShould(callMethod(OffsetDateTime.class, "now"))
			.orShould(callMethod(ZonedDateTime.class, "now"))
			.orShould(callMethod(LocalDateTime.class, "now"))
			.because("a node's clock may be seconds off the others; shared times are the database's");

		rule.check(MAIN);
	}

}

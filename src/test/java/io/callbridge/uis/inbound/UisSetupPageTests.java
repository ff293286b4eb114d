package io.callbridge.uis.inbound;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.callbridge.shared.Role;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import io.callbridge.support.UiSession;
import io.callbridge.telephony.Credentials;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.TelephonyAccounts;
import io.callbridge.uis.UisEmployee;
import io.callbridge.uis.UisPoints;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The UIS setup page as an admin, a supervisor and an agent see it, in English and in
 * Spanish: each notification's event type, URL and exact template, interactive call
 * processing with its returned codes, the secret's instructions (never the secret), the
 * points left and the employees with their agents; and its link on the account list.
 */
@IntegrationTest
@Import(UisInboundFakes.class)
class UisSetupPageTests {

	@LocalServerPort
	int port;

	@Autowired
	TestData data;

	@Autowired
	TelephonyAccounts accounts;

	@Autowired
	UisInboundFakes.KnownEmployees employees;

	@Autowired
	UisInboundFakes.KnownPoints points;

	private long tenant;

	private TelephonyAccount account;

	private TestUser admin;

	private TestUser ana;

	@BeforeEach
	void uisAccountWithEmployeesAndPoints() {
		this.tenant = this.data.anyTenant();
		this.account = this.accounts.create(this.tenant, "uis", "UIS Moscow", true, Map.of(),
				new Credentials(Map.of("accessToken", "uis-token", "notificationSecret", "s3cr3t-never-shown")));
		this.admin = this.data.anyUser(this.tenant, Role.ADMIN);
		this.ana = this.data.anyUser(this.tenant, Role.AGENT);
		this.data.assignExtension(this.tenant, this.ana.id(), this.account.id(), "25");
		this.employees.set(this.account.id(),
				new UisEmployee(this.account.id(), "25", "Анна Иванова", "125", List.of("79260000025"), "available"),
				new UisEmployee(this.account.id(), "27", "Пётр Петров", null, List.of(), "break"));
		this.points.set(this.account.id(), new UisPoints("call", 1000, 870, 60, 58, Instant.now()),
				new UisPoints("data", 5000, 4999, 100, 99, Instant.now()));
	}

	@Test
	void anAdminGetsEveryNotificationWithItsUrlAndExactTemplate() {
		String page = text(login(this.admin).get("/admin/telephony/" + this.account.id() + "/uis?lang=en").body());
		String base = "/webhooks/uis/" + this.account.webhookToken();

		for (UisEventType type : UisEventType.values()) {
			assertThat(page).contains(base + "/" + type.slug() + "?secret=NOTIFICATION_SECRET")
				.contains(type.russianName())
				.contains(type.englishName())
				.contains(type.template());
		}
		assertThat(page).contains("\"employee_id\": {{employee_id}},")
			.contains(base + "/routing?secret=NOTIFICATION_SECRET")
			.contains("{\"returned_code\": 1}")
			.contains("{\"returned_code\": 2}")
			.contains("X-Callbridge-Secret")
			.doesNotContain("s3cr3t-never-shown");
	}

	@Test
	void thePageShowsThePointsLeftAndTheEmployeesWithTheirAgents() {
		String page = text(login(this.admin).get("/admin/telephony/" + this.account.id() + "/uis?lang=en").body());

		assertThat(page).contains("870 of 1,000").contains("58 of 60").contains("4,999 of 5,000");
		assertThat(page).contains("Анна Иванова").contains(this.ana.agent().displayName()).contains("79260000025");
		assertThat(page).contains("Пётр Петров").contains("— no agent —");
	}

	@Test
	void aSupervisorReadsItInSpanish() {
		TestUser supervisor = this.data.anyUser(this.tenant, Role.SUPERVISOR);

		HttpResponse<String> page = login(supervisor).get("/admin/telephony/" + this.account.id() + "/uis?lang=es");

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(text(page.body())).contains("Configuración de UIS de UIS Moscow")
			.contains("Copiar")
			.contains("870 de 1.000")
			.contains("— ningún agente —")
			.contains("Enlace el código de retorno 1");
	}

	@Test
	void withoutASecretThePageSaysEveryNotificationIsRefused() {
		this.accounts.update(this.tenant, this.account.id(), this.account.name(), true, Map.of(),
				new Credentials(Map.of("accessToken", "uis-token")));

		String page = login(this.admin).get("/admin/telephony/" + this.account.id() + "/uis?lang=en").body();

		assertThat(page).contains("id=\"uis-no-secret\"").contains("every notification is refused");
	}

	@Test
	void onlyUisAccountsHaveTheSetupPageAndItsLink() {
		TelephonyAccount zadarma = this.accounts.create(this.tenant, "zadarma", "Zadarma", true, Map.of(),
				new Credentials(Map.of("key", "k", "secret", "s")));
		UiSession ui = login(this.admin);

		String list = ui.get("/admin/telephony?lang=en").body();

		assertThat(list).contains("/admin/telephony/" + this.account.id() + "/uis")
			.doesNotContain("/admin/telephony/" + zadarma.id() + "/uis");
		assertThat(ui.get("/admin/telephony/" + zadarma.id() + "/uis").statusCode()).isEqualTo(404);
	}

	@Test
	void anAgentCannotReadIt() {
		assertThat(login(this.ana).get("/admin/telephony/" + this.account.id() + "/uis").statusCode()).isEqualTo(403);
	}

	private UiSession login(TestUser user) {
		return UiSession.logIn(this.port, user.username(), user.password());
	}

	// The page as a reader sees its text: Thymeleaf escapes quotes.
	private static String text(String html) {
		return html.replace("&quot;", "\"")
			.replace("&#39;", "'")
			.replace("&lt;", "<")
			.replace("&gt;", ">")
			.replace("&amp;", "&");
	}

}

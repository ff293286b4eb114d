package io.callbridge.security;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

import io.callbridge.shared.Role;
import io.callbridge.support.ApiClient;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TenantFixture;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import io.callbridge.support.UiSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Over real HTTP: a login session ends at its very next request once its user is deleted,
 * disabled, demoted or given a new password, and a demoted user keeps none of the former
 * rights; API tokens follow the user's current state at once as well.
 */
@IntegrationTest
class SessionEndTests {

	@LocalServerPort
	int port;

	@Autowired
	ApiClient api;

	@Autowired
	TestData data;

	@Autowired
	TenantFixture tenants;

	private long tenant;

	private TestUser admin;

	private TestUser supervisor;

	private long contact;

	private UiSession session;

	@BeforeEach
	void supervisorIsLoggedIn() {
		this.tenant = this.tenants.anyTenant();
		this.admin = this.data.anyUser(this.tenant, Role.ADMIN);
		this.supervisor = this.data.anyUser(this.tenant, Role.SUPERVISOR);
		this.contact = this.data.anyContact(this.tenant, "Kept Customer", "+34 612 000 301").id();
		this.session = UiSession.logIn(this.port, this.supervisor.username(), this.supervisor.password());
		assertThat(this.session.get("/contacts").statusCode()).isEqualTo(200);
	}

	@Test
	void deletedSupervisorCanNeitherDeleteNorCreateContacts() {
		this.api.as(this.admin.token()).delete("/api/v1/agents/{id}", this.supervisor.id()).hasStatus(204);

		HttpResponse<String> delete = this.session.postForm("/contacts/" + this.contact + "/delete", Map.of());
		HttpResponse<String> create = this.session.postForm("/contacts",
				Map.of("name", "Created After Deletion", "phones", "+34 612 000 302"));

		assertRedirectedToLogin(delete);
		assertRedirectedToLogin(create);
		this.api.as(this.admin.token()).get("/api/v1/contacts/{id}", this.contact).hasStatus(200);
		assertThat(this.api.as(this.admin.token()).get("/api/v1/contacts?q={q}", "Created After Deletion").body())
			.doesNotContain("Created After Deletion");
	}

	@Test
	void disabledUsersNextRequestGoesToTheLoginPage() {
		this.api.as(this.admin.token())
			.put("/api/v1/agents/{id}", changed(Role.SUPERVISOR, false), this.supervisor.id())
			.hasStatus(200);

		assertRedirectedToLogin(this.session.get("/contacts"));
		HttpResponse<String> next = this.session.get("/console");
		assertThat(next.statusCode()).isEqualTo(302);
		assertThat(next.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/login"));
	}

	@Test
	void demotedSupervisorKeepsNoSupervisorRights() {
		this.api.as(this.admin.token())
			.put("/api/v1/agents/{id}", changed(Role.AGENT, true), this.supervisor.id())
			.hasStatus(200);

		assertRedirectedToLogin(this.session.postForm("/contacts/" + this.contact + "/delete", Map.of()));
		this.api.as(this.admin.token()).get("/api/v1/contacts/{id}", this.contact).hasStatus(200);

		UiSession again = UiSession.logIn(this.port, this.supervisor.username(), this.supervisor.password());
		assertThat(again.get("/admin/agents").statusCode()).isEqualTo(403);
		again.get("/contacts/" + this.contact);
		assertThat(again.postForm("/contacts/" + this.contact + "/delete", Map.of()).statusCode()).isEqualTo(403);
		this.api.as(this.admin.token()).get("/api/v1/contacts/{id}", this.contact).hasStatus(200);
	}

	@Test
	void htmxRequestOfAnEndedSessionGets401WithTheLoginPageToGoTo() {
		this.api.as(this.admin.token()).delete("/api/v1/agents/{id}", this.supervisor.id()).hasStatus(204);

		HttpResponse<String> fragment = this.session.get("/tasks", "HX-Request", "true");

		assertThat(fragment.statusCode()).isEqualTo(401);
		assertThat(fragment.headers().firstValue("HX-Redirect")).hasValue("/login?expired");
	}

	@Test
	void newPasswordEndsTheUsersSessions() {
		Map<String, Object> request = new HashMap<>(changed(Role.SUPERVISOR, true));
		request.put("password", "a-brand-new-password");
		this.api.as(this.admin.token()).put("/api/v1/agents/{id}", request, this.supervisor.id()).hasStatus(200);

		assertRedirectedToLogin(this.session.get("/contacts"));
		UiSession.logIn(this.port, this.supervisor.username(), "a-brand-new-password");
	}

	@Test
	void changeThatKeepsTheUsersAccessKeepsTheSession() {
		Map<String, Object> renamed = Map.of("username", this.supervisor.username(), "displayName", "Renamed Person",
				"role", "SUPERVISOR", "enabled", true);
		this.api.as(this.admin.token()).put("/api/v1/agents/{id}", renamed, this.supervisor.id()).hasStatus(200);

		assertThat(this.session.get("/contacts").statusCode()).isEqualTo(200);
	}

	@Test
	void apiTokenOfADemotedOrDeletedUserHasTheNewRightsAtOnce() {
		this.api.as(this.supervisor.token()).get("/api/v1/telephony-accounts").hasStatus(200);

		this.api.as(this.admin.token())
			.put("/api/v1/agents/{id}", changed(Role.AGENT, true), this.supervisor.id())
			.hasStatus(200);
		this.api.as(this.supervisor.token()).get("/api/v1/telephony-accounts").problem(403, "forbidden");

		this.api.as(this.admin.token()).delete("/api/v1/agents/{id}", this.supervisor.id()).hasStatus(204);
		this.api.as(this.supervisor.token()).get("/api/v1/me").problem(401, "unauthorized");
	}

	private Map<String, Object> changed(Role role, boolean enabled) {
		return Map.of("username", this.supervisor.username(), "displayName", "User " + this.supervisor.username(),
				"role", role.name(), "enabled", enabled);
	}

	private static void assertRedirectedToLogin(HttpResponse<String> response) {
		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(response.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/login?expired"));
	}

}

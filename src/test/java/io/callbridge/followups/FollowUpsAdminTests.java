package io.callbridge.followups;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.callbridge.shared.Role;
import io.callbridge.support.ApiClient;
import io.callbridge.support.ApiResponse;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import io.callbridge.support.UiSession;
import io.callbridge.tenants.Tenants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The follow-ups page and API: admins only, each admin sees and retries the follow-ups of
 * their own tenant and operators (admins of the default tenant) everyone's, in English
 * and Spanish, with problem+json for wrong requests.
 */
@FollowUpsTest
class FollowUpsAdminTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	@LocalServerPort
	int port;

	@Autowired
	ScriptedEvents events;

	@Autowired
	TestData data;

	@Autowired
	ApiClient api;

	@Autowired
	Tenants tenants;

	private long tenantA;

	private long tenantB;

	private TestUser adminA;

	private TestUser adminB;

	@BeforeEach
	void twoTenants() {
		this.tenantA = this.data.anyTenant();
		this.tenantB = this.data.anyTenant();
		this.adminA = this.data.anyUser(this.tenantA, Role.ADMIN);
		this.adminB = this.data.anyUser(this.tenantB, Role.ADMIN);
	}

	@Test
	void agentsAndSupervisorsAreRefusedThePageAndTheApi() {
		Script script = Script.failingForever();
		UUID id = this.events.publish(this.tenantA, script);
		try {
			for (Role role : List.of(Role.AGENT, Role.SUPERVISOR)) {
				TestUser user = this.data.anyUser(this.tenantA, role);
				this.api.as(user.token()).get("/api/v1/follow-ups").problem(403, "forbidden");
				this.api.as(user.token()).get("/api/v1/follow-ups/{id}", id).problem(403, "forbidden");
				this.api.as(user.token()).post("/api/v1/follow-ups/{id}/retry", "", id).problem(403, "forbidden");
				this.api.as(user.token()).post("/api/v1/follow-ups/retry", "").problem(403, "forbidden");
				UiSession session = UiSession.logIn(this.port, user.username(), user.password());
				assertThat(session.get("/admin/follow-ups").statusCode()).as(role + " opening the page").isEqualTo(403);
				assertThat(session.postForm("/admin/follow-ups/retry-all", Map.of()).statusCode()).isEqualTo(403);
				assertThat(session.get("/console").body()).doesNotContain("/admin/follow-ups");
			}
			this.api.anonymous().get("/api/v1/follow-ups").problem(401, "unauthorized");
		}
		finally {
			this.events.discard(script);
		}
	}

	@Test
	void adminsSeeAndRetryOnlyTheirTenantsFollowUpsAndOperatorsEveryones() {
		Script scriptA = Script.failingForever();
		Script scriptB = Script.failingForever();
		UUID idA = this.events.publish(this.tenantA, scriptA);
		UUID idB = this.events.publish(this.tenantB, scriptB);
		TestUser operator = this.data.anyUser(this.tenants.defaultTenant().id(), Role.ADMIN);
		try {
			awaitState(operator, idA, "FAILED");
			awaitState(operator, idB, "FAILED");

			JsonNode listA = this.api.as(this.adminA.token()).get("/api/v1/follow-ups").json(200);
			assertThat(listA.path("items").findValuesAsString("id")).containsExactly(idA.toString());
			assertThat(listA.path("counts").path("failed").asLong()).isEqualTo(1);
			assertThat(listA.path("counts").path("running").asLong()).isZero();
			this.api.as(this.adminA.token()).get("/api/v1/follow-ups/{id}", idB).problem(404, "not-found");
			this.api.as(this.adminA.token()).post("/api/v1/follow-ups/{id}/retry", "", idB).problem(404, "not-found");
			JsonNode all = this.api.as(operator.token()).get("/api/v1/follow-ups?limit=500").json(200);
			assertThat(all.path("items").findValuesAsString("id")).contains(idA.toString(), idB.toString());

			JsonNode retried = this.api.as(this.adminA.token()).post("/api/v1/follow-ups/retry", "").json(202);

			assertThat(retried.path("retried").asInt()).isEqualTo(1);
			await().atMost(WAIT).until(() -> scriptA.runs().size() == 4);
			awaitState(this.adminA, idA, "FAILED");
			assertThat(scriptB.runs()).as("the other tenant's follow-up is left alone").hasSize(3);
			assertThat(this.api.as(this.adminB.token())
				.get("/api/v1/follow-ups")
				.json(200)
				.path("items")
				.findValuesAsString("id")).containsExactly(idB.toString());
		}
		finally {
			this.events.discard(scriptA);
			this.events.discard(scriptB);
		}
	}

	@Test
	void pageListsFollowUpsInEnglishAndSpanishAndRetriesOne() {
		Script script = Script.failingForever();
		UUID id = this.events.publish(this.tenantA, script);
		try {
			awaitState(this.adminA, id, "FAILED");
			UiSession session = UiSession.logIn(this.port, this.adminA.username(), this.adminA.password());

			String english = session.get("/admin/follow-ups").body();
			assertThat(english).contains("Automatic processes", "data-followup-id=\"" + id + "\"", ">Failed<",
					"Retry now", "scripted failure of run 3", "tenantId " + this.tenantA, "href=\"/admin/follow-ups\"");
			String spanish = session.get("/admin/follow-ups?lang=es").body();
			assertThat(spanish).contains("Procesos automáticos", ">Fallido<", "Reintentar ahora", "Solo a mano")
				.doesNotContain("Retry now");

			HttpResponse<String> retry = session.postForm("/admin/follow-ups/" + id + "/retry", Map.of());
			assertThat(retry.statusCode()).isEqualTo(302);
			assertThat(session.get("/admin/follow-ups").body())
				.contains("Se inició el reintento de ScriptedListeners$ScriptedListener.on(ScriptedEvent).");
			await().atMost(WAIT).until(() -> script.runs().size() == 4);
			assertThat(session.get("/admin/follow-ups?state=running&lang=en").body()).doesNotContain("Procesos");
		}
		finally {
			this.events.discard(script);
		}
	}

	@Test
	void apiAnswersProblemsInTheReadersLanguage() {
		UUID unknown = UUID.randomUUID();
		assertThat(
				inLanguage("en", "/api/v1/follow-ups/" + unknown).problem(404, "not-found").path("detail").asString())
			.isEqualTo("Follow-up " + unknown + " was not found.");
		assertThat(
				inLanguage("es", "/api/v1/follow-ups/" + unknown).problem(404, "not-found").path("detail").asString())
			.isEqualTo("No se encontró el proceso automático " + unknown + ".");
		assertThat(inLanguage("es", "/api/v1/follow-ups?state=bogus").problem(422, "invalid-input")
			.path("detail")
			.asString()).contains("Estado desconocido");
		this.api.as(this.adminA.token()).get("/api/v1/follow-ups?limit=0").problem(422, "invalid-input");
		this.api.as(this.adminA.token()).get("/api/v1/follow-ups/not-a-uuid").problem(400);
		// A blank id converts to none at all: the request's mistake, not the server's.
		this.api.as(this.adminA.token())
			.post("/api/v1/follow-ups/{id}/retry", Map.of(), " ")
			.problem(400, "bad-request");
		UiSession session = UiSession.logIn(this.port, this.adminA.username(), this.adminA.password());
		session.get("/admin/follow-ups");
		assertThat(session.postForm("/admin/follow-ups/%20/retry", Map.of()).statusCode()).isEqualTo(400);
		JsonNode paths = this.api.as(this.adminA.token()).get("/v3/api-docs").json(200).path("paths");
		for (String path : List.of("/api/v1/follow-ups", "/api/v1/follow-ups/{id}", "/api/v1/follow-ups/{id}/retry",
				"/api/v1/follow-ups/retry")) {
			assertThat(paths.has(path)).as("OpenAPI documents %s", path).isTrue();
		}

		Script slow = Script.failing(1, Duration.ofSeconds(2));
		UUID id = this.events.publish(this.tenantA, slow);
		await().atMost(WAIT).until(() -> slow.runs().size() == 1);
		assertThat(inLanguage("es", "POST", "/api/v1/follow-ups/" + id + "/retry").problem(409, "conflict")
			.path("detail")
			.asString())
			.isEqualTo("El proceso automático " + id + " está en curso; podrá reintentarse cuando haya fallado.");
		this.events.awaitCompleted(slow, WAIT);
	}

	private void awaitState(TestUser admin, UUID id, String state) {
		await().atMost(WAIT)
			.pollInterval(Duration.ofMillis(100))
			.until(() -> state.equals(
					this.api.as(admin.token()).get("/api/v1/follow-ups/{id}", id).json(200).path("state").asString()));
	}

	private ApiResponse inLanguage(String language, String path) {
		return inLanguage(language, "GET", path);
	}

	// ApiClient sends no Accept-Language; the problem texts follow it.
	private ApiResponse inLanguage(String language, String method, String path) {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Authorization", "Bearer " + this.adminA.token())
			.header("Accept-Language", language)
			.method(method, HttpRequest.BodyPublishers.noBody())
			.build();
		try (HttpClient http = HttpClient.newHttpClient()) {
			HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
			HttpHeaders headers = new HttpHeaders();
			response.headers().map().forEach(headers::addAll);
			return new ApiResponse(response.statusCode(), headers, response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}

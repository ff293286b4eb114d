package io.callbridge.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;

import io.callbridge.shared.Role;
import io.callbridge.support.ApiClient;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TenantFixture;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Text holding U+0000 (NUL) or half of a surrogate pair is refused where it enters,
 * naming the field or parameter, on H2 as on PostgreSQL — PostgreSQL cannot store a NUL
 * and refused it as a conflict, H2 kept it — and nothing is stored; a whole character
 * written as a surrogate pair, and a backslash written before {@code u0000}, are text.
 */
@IntegrationTest
class UnstorableTextTests {

	private static final String JSON = "application/json";

	@LocalServerPort
	int port;

	@Autowired
	ApiClient api;

	@Autowired
	TestData data;

	@Autowired
	TenantFixture tenants;

	private TestUser admin;

	@BeforeEach
	void admin() {
		this.admin = this.data.anyUser(this.tenants.anyTenant(), Role.ADMIN);
	}

	@Test
	void aNulInAJsonFieldIsRefusedNamingTheField() {
		JsonNode inName = this.api.as(this.admin.token())
			.post("/api/v1/contacts", JSON, "{\"name\": \"Ana\\u0000\", \"phones\": [\"612 345 678\"]}")
			.problem(400, "bad-request");
		JsonNode inTag = this.api.as(this.admin.token())
			.post("/api/v1/contacts", JSON, "{\"name\": \"Ana\", \"tags\": [\"vip\", \"a\\u0000b\"]}")
			.problem(400, "bad-request");

		assertThat(inName.path("detail").asString())
			.isEqualTo("name holds the character U+0000, which text may not contain.");
		assertThat(inName.path("errors").get(0).path("field").asString()).isEqualTo("name");
		assertThat(inTag.path("errors").get(0).path("field").asString()).isEqualTo("tags[1]");
		assertThat(contacts()).isZero();
	}

	@Test
	void halfASurrogatePairIsRefusedAndAWholeOneIsText() {
		JsonNode half = this.api.as(this.admin.token())
			.post("/api/v1/contacts", JSON, "{\"name\": \"Ana \\ud83d\"}")
			.problem(400, "bad-request");
		JsonNode whole = this.api.as(this.admin.token())
			.post("/api/v1/contacts", JSON, "{\"name\": \"Ana \\ud83d\\ude00\", \"notes\": \"C:\\\\u0000\"}")
			.json(201);

		assertThat(half.path("detail").asString())
			.isEqualTo("name holds the character U+D83D, which text may not contain.");
		JsonNode stored = this.api.as(this.admin.token())
			.get("/api/v1/contacts/{id}", whole.path("id").asLong())
			.json(200);
		assertThat(stored.path("name").asString()).isEqualTo("Ana \uD83D\uDE00");
		assertThat(stored.path("notes").asString()).isEqualTo("C:\\u0000");
		assertThat(contacts()).isOne();
	}

	@Test
	void aNulInAQueryParameterIsRefusedNamingItInTheReadersLanguage() {
		JsonNode english = this.api.as(this.admin.token()).get("/api/v1/contacts?q={q}", "a\0b").problem(400);
		JsonNode spanish = this.api.as(this.admin.token())
			.speaking("es")
			.get("/api/v1/calls?number={n}", "612\0")
			.problem(400);

		assertThat(english.path("detail").asString())
			.isEqualTo("The parameter 'q' holds the character U+0000, which text may not contain.");
		assertThat(spanish.path("detail").asString())
			.isEqualTo("El parámetro 'number' contiene el carácter U+0000, que un texto no puede contener.");
	}

	@Test
	void aNulInAFormFieldIsAPageNamingTheField() throws Exception {
		HttpResponse<String> page = HttpClient.newBuilder()
			.connectTimeout(Duration.ofSeconds(5))
			.build()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/login"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.header("Accept", "text/html")
				.POST(BodyPublishers.ofString("username=ana%00&password=x"))
				.build(), BodyHandlers.ofString());

		assertThat(page.statusCode()).isEqualTo(400);
		assertThat(page.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/html"));
		assertThat(page.body()).contains("The parameter &#39;username&#39; holds the character U+0000");
	}

	private long contacts() {
		return this.api.as(this.admin.token()).get("/api/v1/contacts").json(200).path("total").asLong();
	}

}

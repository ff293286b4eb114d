package io.callbridge.calls;

import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.callbridge.calls.ContactCallsFixture.Mixed;
import io.callbridge.contacts.Contact;
import io.callbridge.shared.Role;
import io.callbridge.support.ApiClient;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TenantFixture;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import io.callbridge.support.UiSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A contact's call statistics, figured by hand from the {@link ContactCallsFixture}'s
 * seven calls: in the API (in the reader's language), in the contact file's panel in
 * English and Spanish with the player of the newest recording, zero for a contact without
 * calls, and nothing of another tenant's contact.
 */
@IntegrationTest
class ContactCallStatisticsTests {

	@LocalServerPort
	int port;

	@Autowired
	ContactCallsFixture fixture;

	@Autowired
	ApiClient api;

	@Autowired
	TestData data;

	@Autowired
	TenantFixture tenants;

	private Mixed mixed;

	@BeforeEach
	void mixedCalls() {
		this.mixed = this.fixture.mixed();
	}

	@Test
	void apiCountsTheContactsCallsAsFiguredByHand() {
		JsonNode stats = this.api.as(this.mixed.agent().token())
			.get("/api/v1/contacts/{id}/call-statistics", this.mixed.contact().id())
			.json(200);

		assertThat(stats.path("contactId").asLong()).isEqualTo(this.mixed.contact().id());
		assertThat(stats.path("calls").asLong()).isEqualTo(7);
		assertThat(stats.path("inbound").asLong()).isEqualTo(4);
		assertThat(stats.path("outbound").asLong()).isEqualTo(3);
		assertThat(stats.path("answered").asLong()).isEqualTo(3);
		// Missed and busy inbound calls; not the rejected one, not the unanswered
		// outbound.
		assertThat(stats.path("missed").asLong()).isEqualTo(2);
		assertThat(stats.path("talkSeconds").asLong()).isEqualTo(120 + 300 + 60);
		JsonNode last = stats.path("lastContact");
		assertThat(last.path("callId").asLong()).isEqualTo(this.mixed.call(7));
		assertThat(last.path("startedAt").asString()).isEqualTo("2024-03-07T18:30:00Z");
		assertThat(last.path("direction").asString()).isEqualTo("OUTBOUND");
		assertThat(last.path("state").asString()).isEqualTo("ENDED");
		assertThat(last.path("result").asString()).isEqualTo("ANSWERED");
		assertThat(last.path("agentId").asLong()).isEqualTo(this.mixed.agent().id());
		assertThat(rows(stats.path("outcomes"), "code", "label", "calls")).containsExactly("interested|Interested|2",
				"payment-promise|Payment promise|1", "site-visit|Site visit|1");
		assertThat(stats.path("outcomes").get(0).path("labelKey").asString()).isEqualTo("outcome.seed.interested");
		assertThat(stats.path("outcomes").get(2).path("labelKey").isNull()).isTrue();
		assertThat(amounts(stats.path("charges"))).containsExactly("EUR|2|15.00", "USD|1|25.50");
		assertThat(amounts(stats.path("costs"))).containsExactly("EUR|2|0.17", "USD|1|0.03");
		assertThat(rows(stats.path("recordings"), "callId")).containsExactly(String.valueOf(this.mixed.call(7)),
				String.valueOf(this.mixed.call(5)), String.valueOf(this.mixed.call(1)));
		assertThat(stats.path("recordings").get(1).path("talkSeconds").asInt()).isEqualTo(300);
	}

	@Test
	void apiNamesSeededOutcomesInTheReadersLanguage() {
		JsonNode stats = this.api.as(this.mixed.agent().token())
			.speaking("es-ES,es;q=0.9")
			.get("/api/v1/contacts/{id}/call-statistics", this.mixed.contact().id())
			.json(200);

		assertThat(rows(stats.path("outcomes"), "label")).containsExactly("Interesado", "Promesa de pago",
				"Site visit");
	}

	@Test
	void contactWithoutCallsHasZerosAndNothingListed() {
		Contact quiet = this.data.anyContact(this.mixed.tenant(), "Sin Llamadas", "+34612000777");

		JsonNode stats = this.api.as(this.mixed.agent().token())
			.get("/api/v1/contacts/{id}/call-statistics", quiet.id())
			.json(200);
		String panel = ui(this.mixed.agent()).get("/calls/contact-statistics/" + quiet.id()).body();
		String spanish = ui(this.mixed.agent()).get("/calls/contact-statistics/" + quiet.id() + "?lang=es").body();

		for (String figure : List.of("calls", "inbound", "outbound", "answered", "missed", "talkSeconds")) {
			assertThat(stats.path(figure).asLong()).as(figure).isZero();
		}
		assertThat(stats.path("lastContact").isNull()).isTrue();
		assertThat(stats.path("outcomes")).isEmpty();
		assertThat(stats.path("charges")).isEmpty();
		assertThat(stats.path("costs")).isEmpty();
		assertThat(stats.path("recordings")).isEmpty();
		assertThat(panel).contains("No calls with this contact yet.").doesNotContain("contact-stats-recordings");
		assertThat(figure(panel, "calls")).isEqualTo("0");
		assertThat(figure(panel, "talk")).isEqualTo("0:00");
		assertThat(spanish).contains("Aún no hay llamadas con este contacto.").contains("Estadísticas de llamadas");
	}

	@Test
	void anotherTenantsContactIsNotFound() {
		TestUser stranger = this.data.anyUser(this.tenants.anyTenant(), Role.ADMIN);

		this.api.as(stranger.token())
			.get("/api/v1/contacts/{id}/call-statistics", this.mixed.contact().id())
			.problem(404, "not-found");
		this.api.as(this.mixed.agent().token())
			.get("/api/v1/contacts/{id}/call-statistics", Long.MAX_VALUE)
			.problem(404, "not-found");
		UiSession ui = ui(stranger);
		assertThat(ui.get("/calls/contact-statistics/" + this.mixed.contact().id()).statusCode()).isEqualTo(404);
		assertThat(
				ui.get("/calls/contact-statistics/" + this.mixed.contact().id() + "/player?call=" + this.mixed.call(7))
					.statusCode())
			.isEqualTo(404);
	}

	@Test
	void panelShowsTheFiguresAndPlaysTheNewestRecordingInEnglish() {
		String panel = ui(this.mixed.agent()).get("/calls/contact-statistics/" + this.mixed.contact().id()).body();

		assertThat(figure(panel, "calls")).isEqualTo("7");
		assertThat(figure(panel, "inbound")).isEqualTo("4");
		assertThat(figure(panel, "outbound")).isEqualTo("3");
		assertThat(figure(panel, "answered")).isEqualTo("3");
		assertThat(figure(panel, "missed")).isEqualTo("2");
		assertThat(figure(panel, "talk")).isEqualTo("8:00");
		assertThat(panel).contains("Call statistics")
			.contains("Last contact")
			.contains(">2024-03-07 19:30</a>")
			.contains("Interested")
			.contains("Payment promise")
			.contains("Site visit")
			.containsPattern("15\\.00</span> <span>EUR</span></strong>\\s*<span class=\"muted\">\\(2 calls\\)")
			.containsPattern("25\\.50</span> <span>USD</span></strong>\\s*<span class=\"muted\">\\(1 call\\)")
			.containsPattern("0\\.17</span> <span>EUR</span>")
			.containsPattern("0\\.03</span> <span>USD</span>")
			.doesNotContain("No calls with this contact yet.");
		assertThat(recordedRows(panel)).containsExactly(this.mixed.call(7), this.mixed.call(5), this.mixed.call(1));
		// The player starts on the newest recording, loaded from the recordings module.
		assertThat(panel).contains("id=\"contact-stats-player\"")
			.contains("hx-get=\"/calls/" + this.mixed.call(7) + "/recording/panel\"")
			.contains("hx-get=\"/calls/contact-statistics/" + this.mixed.contact().id() + "/player?call="
					+ this.mixed.call(5) + "\"");
	}

	@Test
	void panelReadsInSpanish() {
		String panel = ui(this.mixed.agent()).get("/calls/contact-statistics/" + this.mixed.contact().id() + "?lang=es")
			.body();

		assertThat(panel).contains("Estadísticas de llamadas")
			.contains("Entrantes")
			.contains("Perdidas")
			.contains("Último contacto")
			.contains("Interesado")
			.contains("Promesa de pago")
			.contains("(2 llamadas)")
			.contains("Últimas grabaciones")
			.contains("Reproducir")
			.contains("Saliente")
			.doesNotContain("Call statistics");
		assertThat(figure(panel, "missed")).isEqualTo("2");
	}

	@Test
	void playerLoadsAnotherRecordedCallOfTheContactAndNoOtherCall() {
		UiSession ui = ui(this.mixed.agent());
		String base = "/calls/contact-statistics/" + this.mixed.contact().id() + "/player?call=";

		String player = ui.get(base + this.mixed.call(5)).body();
		String recording = ui.get("/calls/" + this.mixed.call(5) + "/recording/panel").body();

		assertThat(player).contains("id=\"contact-stats-player\"")
			.contains("Recording of the call of 2024-03-05 11:00 (Outbound)")
			.contains("hx-get=\"/calls/" + this.mixed.call(5) + "/recording/panel\"");
		assertThat(recording).contains("<audio")
			.contains("src=\"https://records.example/" + this.mixed.answeredOutRef() + ".mp3\"");
		assertThat(ui.get(base + this.mixed.otherCall()).statusCode()).isEqualTo(404);
	}

	private UiSession ui(TestUser user) {
		return UiSession.logIn(this.port, user.username(), user.password());
	}

	// The figure shown in a tile of the panel.
	private static String figure(String html, String name) {
		Matcher tile = Pattern.compile("data-figure=\"" + name + "\">.*?<dd>([^<]*)</dd>").matcher(html);
		assertThat(tile.find()).as("tile %s", name).isTrue();
		return tile.group(1);
	}

	private static List<Long> recordedRows(String html) {
		int table = html.indexOf("id=\"contact-stats-recordings\"");
		assertThat(table).isPositive();
		Matcher row = Pattern.compile("<tr data-call-id=\"(\\d+)\"")
			.matcher(html.substring(table, html.indexOf("</table>", table)));
		List<Long> ids = new ArrayList<>();
		while (row.find()) {
			ids.add(Long.valueOf(row.group(1)));
		}
		return ids;
	}

	private static List<String> rows(JsonNode array, String... fields) {
		List<String> rows = new ArrayList<>();
		array.forEach((row) -> {
			List<String> values = new ArrayList<>();
			for (String field : fields) {
				values.add(row.path(field).asString());
			}
			rows.add(String.join("|", values));
		});
		return rows;
	}

	private static List<String> amounts(JsonNode array) {
		List<String> rows = new ArrayList<>();
		array.forEach((row) -> rows.add(row.path("currency").asString() + "|" + row.path("calls").asLong() + "|"
				+ row.path("amount").decimalValue().setScale(2, RoundingMode.UNNECESSARY).toPlainString()));
		return rows;
	}

}

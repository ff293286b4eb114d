package io.callbridge.campaigns.sites;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import io.callbridge.calls.Call;
import io.callbridge.calls.model.CallState;
import io.callbridge.telephony.CallDirection;
import io.callbridge.campaigns.Campaign;
import io.callbridge.campaigns.CampaignState;
import io.callbridge.campaigns.CampaignType;
import io.callbridge.campaigns.DuplicatePolicy;
import io.callbridge.campaigns.Interaction;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a campaign's CRM parameters map to values, without Spring: every selector of
 * campaign, contact, call, fixed and disposition parameters; placeholders substituted
 * URL-encoded into the URL and not sent; a GET's query string.
 */
class CrmParametersTests {

	private static final Instant STARTED = Instant.parse("2026-03-02T09:59:50Z");

	private static final Instant ANSWERED = Instant.parse("2026-03-02T10:00:05Z");

	private static final Campaign CAMPAIGN = new Campaign(7, 1, "Ventas Q1", CampaignType.INBOUND, CampaignState.ACTIVE,
			3L, Interaction.SITE, 5L, null, null, DuplicatePolicy.ALLOW, null, null, STARTED, STARTED);

	private static final Call CALL = new Call(42, 1, 2, "p-42", CallDirection.INBOUND, "+34612000111", "612 000 111",
			"+34910000000", CallState.ANSWERED, null, STARTED, ANSWERED, null, 15, null, null, 9L, 11L, null,
			"rec-42.mp3", null, null, 3, null, 7L);

	private static final CrmData DATA = new CrmData(CAMPAIGN, CALL, "ana", "Ana Pérez",
			Map.of("telefono", "+34612000111", "dni", "X123", "nombre", "Luis"), new CrmData.Disposition(88, "Venta"),
			ZoneId.of("Europe/Madrid"));

	@Test
	void campaignFieldsMapToIdNameAndOmniLeadsTypeName() {
		assertThat(values(param(ParamKind.CAMPAIGN, "id"), param(ParamKind.CAMPAIGN, "nombre"),
				param(ParamKind.CAMPAIGN, "tipo")))
			.containsExactly("7", "Ventas Q1", "Entrante");
	}

	@Test
	void contactColumnsMapToTheContactsValuesOrEmpty() {
		assertThat(values(param(ParamKind.CONTACT, "dni"), param(ParamKind.CONTACT, "telefono"),
				param(ParamKind.CONTACT, "email")))
			.containsExactly("X123", "+34612000111", "");
	}

	@Test
	void everyCallDatumMaps() {
		assertThat(values(param(ParamKind.CALL, "call_id"), param(ParamKind.CALL, "agent_id"),
				param(ParamKind.CALL, "agent_username"), param(ParamKind.CALL, "agent_name"),
				param(ParamKind.CALL, "telefono"), param(ParamKind.CALL, "id_contacto"),
				param(ParamKind.CALL, "rec_filename"), param(ParamKind.CALL, "call_wait_duration"),
				param(ParamKind.CALL, "datetime")))
			.containsExactly("42", "9", "ana", "Ana Pérez", "612 000 111", "11", "rec-42.mp3", "15",
					"2026-03-02 11:00:05");
	}

	@Test
	void fixedValuesAndDispositionFieldsMap() {
		assertThat(values(param(ParamKind.FIXED, "callbridge"), param(ParamKind.DISPOSITION, "id"),
				param(ParamKind.DISPOSITION, "name"), param(ParamKind.DISPOSITION, "subdisposition"),
				param(ParamKind.DISPOSITION, "form")))
			.containsExactly("callbridge", "88", "Venta", "", "");
	}

	@Test
	void placeholdersGoIntoThePathEncodedAndAreNotSent() {
		List<SiteParam> values = CrmParameters.resolve(
				List.of(new CrmParam(ParamKind.CAMPAIGN, "nombre", "{1}"),
						new CrmParam(ParamKind.CALL, "call_id", "{2}"), new CrmParam(ParamKind.CONTACT, "dni", "dni")),
				DATA);

		assertThat(CrmParameters.url("https://crm.example.com/c/{1}/call/{2}", values))
			.isEqualTo("https://crm.example.com/c/Ventas%20Q1/call/42");
		assertThat(CrmParameters.sent(values)).containsExactly(new SiteParam("dni", "X123"));
	}

	@Test
	void aGetCarriesTheParametersInItsQuery() {
		List<SiteParam> sent = List.of(new SiteParam("name", "Ana Pérez"), new SiteParam("q", "a&b=c"));

		assertThat(CrmParameters.withQuery("https://crm.example.com/pop", sent))
			.isEqualTo("https://crm.example.com/pop?name=Ana+P%C3%A9rez&q=a%26b%3Dc");
		assertThat(CrmParameters.withQuery("https://crm.example.com/pop?src=cb", sent))
			.isEqualTo("https://crm.example.com/pop?src=cb&name=Ana+P%C3%A9rez&q=a%26b%3Dc");
		assertThat(CrmParameters.withQuery("https://crm.example.com/pop", List.of()))
			.isEqualTo("https://crm.example.com/pop");
	}

	private static CrmParam param(ParamKind kind, String selector) {
		return new CrmParam(kind, selector, "p");
	}

	private static List<String> values(CrmParam... params) {
		return CrmParameters.resolve(List.of(params), DATA).stream().map(SiteParam::value).toList();
	}

}

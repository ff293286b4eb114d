package io.callbridge.omnileads;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.callbridge.omnileads.MakeCallForm.Outcome;
import io.callbridge.omnileads.MakeCallForm.Refused;
import io.callbridge.omnileads.MakeCallForm.Valid;
import io.callbridge.shared.CurrentUser;
import io.callbridge.shared.Role;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * OMniLeads' makeCall form rules, each case of OMniLeads'
 * {@code tests_api_click2call.py}, against an in-memory directory: campaign 1 (active,
 * database 10, external id "c1" in system 3) has agent 5; agent 6 is in no campaign of
 * it; contact 100 ("c1") is in database 10, contact 200 in database 20.
 */
class MakeCallFormTest {

	private static final String INVALID_CHOICE = "Escoja una opción válida. Esa opción no está entre las disponibles.";

	private static final CurrentUser AGENT = new CurrentUser(5, 1, "agente1", "Agente Uno", Role.AGENT);

	private final FakeDirectory directory = new FakeDirectory();

	private final Map<String, Object> own = new HashMap<>(
			Map.of("idCampaign", "1", "idAgent", "5", "idContact", "100", "phone", "3511111111"));

	private final Map<String, Object> external = new HashMap<>(Map.of("idExternalSystem", "3", "idCampaign", "c1",
			"idAgent", "id_ag_1", "idContact", "c1", "phone", "35111111111"));

	@Test
	void ownIdsOfAnUnknownCampaignAreAnInvalidChoice() {
		this.own.put("idCampaign", "1000");
		assertThat(errors(this.own)).containsExactly(Map.entry("idCampaign", List.of(INVALID_CHOICE)));
	}

	@Test
	void ownIdsOfAnInactiveCampaignAreAnInvalidChoice() {
		this.directory.active = false;
		assertThat(errors(this.own)).containsExactly(Map.entry("idCampaign", List.of(INVALID_CHOICE)));
	}

	@Test
	void ownIdsOfAnUnknownAgentAreAnInvalidChoice() {
		this.own.put("idAgent", "5000");
		assertThat(errors(this.own)).containsExactly(Map.entry("idAgent", List.of(INVALID_CHOICE)));
	}

	@Test
	void ownIdsOfAnUnknownContactAreAnInvalidChoice() {
		this.own.put("idContact", "100000");
		assertThat(errors(this.own)).containsExactly(Map.entry("idContact", List.of(INVALID_CHOICE)));
	}

	@Test
	void ownIdsWithoutContactAreValid() {
		this.own.remove("idContact");
		assertThat(validate(this.own)).isEqualTo(new Valid(1, 5, null, "3511111111"));
	}

	@Test
	void ownIdsOfAnAgentNotInTheCampaignAreRefused() {
		this.own.put("idAgent", "6");
		assertThat(errors(this.own))
			.containsExactly(Map.entry("idAgent", List.of("El agente no participa en la campaña.")));
	}

	@Test
	void ownIdsOfAContactOutsideTheCampaignsDatabaseAreRefused() {
		this.own.put("idContact", "200");
		assertThat(errors(this.own))
			.containsExactly(Map.entry("idContact", List.of("El contacto no corresponde a la campaña.")));
	}

	@Test
	void ownIdsAreValid() {
		assertThat(validate(this.own)).isEqualTo(new Valid(1, 5, 100L, "3511111111"));
	}

	@Test
	void anUnknownExternalSystemIsAnsweredAlone() {
		this.external.put("idExternalSystem", "3000");
		this.external.remove("phone");
		assertThat(errors(this.external))
			.containsExactly(Map.entry("idExternalSystem", List.of("Sistema externo inexistente.")));
		this.external.put("idExternalSystem", "abc");
		assertThat(errors(this.external)).containsOnlyKeys("idExternalSystem");
	}

	@Test
	void externalIdsOfAnUnknownCampaignAreAnInvalidChoice() {
		this.external.put("idCampaign", "c1000");
		assertThat(errors(this.external)).containsExactly(Map.entry("idCampaign", List.of(INVALID_CHOICE)));
	}

	@Test
	void externalIdsFindACampaignWhateverItsState() {
		this.directory.active = false;
		assertThat(validate(this.external)).isEqualTo(new Valid(1, 5, 100L, "35111111111"));
	}

	@Test
	void externalIdsOfAnUnknownAgentAreRefused() {
		this.external.put("idAgent", "id_ag_1000");
		assertThat(errors(this.external))
			.containsExactly(Map.entry("idAgent", List.of("El agente no corresponde al sistema externo.")));
	}

	@Test
	void externalIdsOfAnAgentOfAnotherSystemAreRefused() {
		this.external.put("idAgent", "id_ag_2");
		assertThat(errors(this.external))
			.containsExactly(Map.entry("idAgent", List.of("El agente no corresponde al sistema externo.")));
	}

	@Test
	void externalIdsOfAnAgentNotInTheCampaignAreRefused() {
		this.directory.systemAgents.put("3/id_ag_2", 6L);
		this.external.put("idAgent", "id_ag_2");
		assertThat(errors(this.external))
			.containsExactly(Map.entry("idAgent", List.of("El agente no participa en la campaña.")));
	}

	@Test
	void externalIdsOfAnUnknownContactCallWithoutContact() {
		this.external.put("idContact", "c1000");
		assertThat(validate(this.external)).isEqualTo(new Valid(1, 5, null, "35111111111"));
	}

	@Test
	void externalIdsWithoutContactAreValid() {
		this.external.remove("idContact");
		assertThat(validate(this.external)).isEqualTo(new Valid(1, 5, null, "35111111111"));
	}

	@Test
	void externalIdsAreValid() {
		assertThat(validate(this.external)).isEqualTo(new Valid(1, 5, 100L, "35111111111"));
	}

	@Test
	void everyMissingFieldIsReportedInTheFormsOrder() {
		assertThat(errors(Map.of())).containsExactly(Map.entry("phone", List.of("Este campo es obligatorio.")),
				Map.entry("idCampaign", List.of("Este campo es obligatorio.")),
				Map.entry("idAgent", List.of("Este campo es obligatorio.")));
	}

	@Test
	void aPhoneOver128CharactersIsRefused() {
		this.own.put("phone", "1".repeat(130));
		assertThat(errors(this.own)).containsExactly(
				Map.entry("phone", List.of("Asegúrese de que este valor tenga a lo sumo 128 caracteres (tiene 130).")));
	}

	@Test
	void anAgentMayNotPlaceAnotherAgentsCallButASupervisorMay() {
		this.directory.campaignAgents.add("1/6");
		this.own.put("idAgent", "6");
		assertThat(errors(this.own))
			.containsExactly(Map.entry("idAgent", List.of("El agente no corresponde al usuario autenticado.")));
		CurrentUser supervisor = new CurrentUser(9, 1, "sup1", "Sup", Role.SUPERVISOR);
		assertThat(new MakeCallForm(this.directory, OmlLanguage.ES).validate(supervisor, body(this.own)))
			.isEqualTo(new Valid(1, 6, 100L, "3511111111"));
	}

	@Test
	void errorsAreInOmniLeadsEnglishForAnEnglishReader() {
		this.own.put("idCampaign", "1000");
		this.own.put("idAgent", "6");
		Outcome outcome = new MakeCallForm(this.directory, OmlLanguage.EN).validate(AGENT, body(this.own));
		assertThat(((Refused) outcome).errors()).containsExactly(Map.entry("idCampaign",
				List.of("Select a valid choice. That choice is not one of the available choices.")));
	}

	private Outcome validate(Map<String, Object> fields) {
		return new MakeCallForm(this.directory, OmlLanguage.ES).validate(AGENT, body(fields));
	}

	private Map<String, List<String>> errors(Map<String, Object> fields) {
		Outcome outcome = validate(fields);
		assertThat(outcome).isInstanceOf(Refused.class);
		return ((Refused) outcome).errors();
	}

	private static OmlBody body(Map<String, Object> fields) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/omnileads/api/v1/makeCall/");
		request.setContentType("application/json");
		request.setContent(JsonMapper.shared().writeValueAsString(fields).getBytes(StandardCharsets.UTF_8));
		return OmlBody.read(request);
	}

	private static final class FakeDirectory implements OmlDirectory {

		boolean active = true;

		final Map<String, Long> systemAgents = new HashMap<>(Map.of("3/id_ag_1", 5L, "4/id_ag_2", 6L));

		final java.util.Set<String> campaignAgents = new java.util.HashSet<>(java.util.Set.of("1/5"));

		@Override
		public Optional<CampaignRef> activeCampaign(long tenantId, long campaignId) {
			return (campaignId == 1 && this.active) ? Optional.of(new CampaignRef(1, 10L)) : Optional.empty();
		}

		@Override
		public Optional<CampaignRef> systemCampaign(long tenantId, long systemId, String externalId) {
			return (systemId == 3 && "c1".equals(externalId)) ? Optional.of(new CampaignRef(1, 10L)) : Optional.empty();
		}

		@Override
		public boolean systemExists(long tenantId, long systemId) {
			return systemId == 3 || systemId == 4;
		}

		@Override
		public Optional<Long> systemAgent(long systemId, String externalId) {
			return Optional.ofNullable(this.systemAgents.get(systemId + "/" + externalId));
		}

		@Override
		public boolean enabledUser(long tenantId, long userId) {
			return userId == 5 || userId == 6;
		}

		@Override
		public boolean isAgentOf(long campaignId, long agentId) {
			return this.campaignAgents.contains(campaignId + "/" + agentId);
		}

		@Override
		public boolean contactExists(long tenantId, long contactId) {
			return contactId == 100 || contactId == 200;
		}

		@Override
		public boolean inDatabase(long contactId, long databaseId) {
			return (contactId == 100 && databaseId == 10) || (contactId == 200 && databaseId == 20);
		}

		@Override
		public Optional<Long> contactByExternalId(long tenantId, long databaseId, String externalId) {
			return (databaseId == 10 && "c1".equals(externalId)) ? Optional.of(100L) : Optional.empty();
		}

	}

}

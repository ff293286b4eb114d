package io.callbridge.crm.retailcrm.inbound;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.callbridge.crm.CrmConnection;
import io.callbridge.crm.CrmRequestOutcome;
import io.callbridge.crm.CrmRequests;
import io.callbridge.crm.CrmUserRef;
import io.callbridge.shared.AgentStatus;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Text;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * retailCRM's click-to-call and status requests as the controllers read and answer them,
 * against a scripted {@link CrmRequests}: a stranger is refused alike whether or not it
 * sent a client id, a missing number, manager or status is a 422 naming the parameter,
 * and what the core answers is written in retailCRM's envelope style ({@code success})
 * with problem+json for refusals.
 */
class RetailCrmInboundTest {

	private static final String CLIENT_ID = "c1d2e3f4a5b6c7d8";

	private static final String MAKE_CALL = RetailCrmMakeCallController.PATH;

	private static final String USER_STATUS = RetailCrmUserStatusController.PATH;

	private final ScriptedRequests requests = new ScriptedRequests();

	private MockMvc mvc;

	@BeforeEach
	void controllers() {
		ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
		messages.setBasenames(Text.BUNDLES);
		messages.setDefaultEncoding("UTF-8");
		messages.setFallbackToSystemLocale(false);
		RetailCrmAnswers answers = new RetailCrmAnswers(messages);
		this.mvc = MockMvcBuilders
			.standaloneSetup(new RetailCrmMakeCallController(this.requests, answers),
					new RetailCrmUserStatusController(this.requests, answers))
			.build();
	}

	@Test
	void aRequestWithoutAKnownClientIdIsRefusedAlikeWhetherOrNotItSentOne() throws Exception {
		MockHttpServletResponse unknown = send(
				get(MAKE_CALL).param("clientId", "guess").param("phone", "79260000000").param("code", "101"));
		MockHttpServletResponse missing = send(get(MAKE_CALL).param("phone", "79260000000").param("code", "101"));
		MockHttpServletResponse status = send(get(USER_STATUS).param("clientId", "guess").param("status", "free"));

		for (MockHttpServletResponse refused : List.of(unknown, missing, status)) {
			assertThat(refused.getStatus()).isEqualTo(403);
			assertThat(refused.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			JsonNode body = json(refused);
			assertThat(body.path("type").asString()).isEqualTo(Problems.TYPE_BASE + "forbidden");
			assertThat(body.path("detail").asString())
				.isEqualTo("This request does not come from a connected retailCRM account.");
			assertThat(body.path("success").asBoolean(true)).isFalse();
			assertThat(body.path("errorMsg").asString()).isEqualTo(body.path("detail").asString());
		}
		assertThat(unknown.getContentAsString()).isEqualTo(missing.getContentAsString());
		assertThat(this.requests.asked).containsExactly("authenticate retailcrm guess", "authenticate retailcrm guess");
	}

	@Test
	void theRefusalOfAStrangerIsInTheReadersLanguage() throws Exception {
		MockHttpServletResponse refused = send(get(MAKE_CALL).param("clientId", "guess")
			.param("phone", "79260000000")
			.header(HttpHeaders.ACCEPT_LANGUAGE, "es"));

		assertThat(json(refused).path("detail").asString())
			.isEqualTo("Esta solicitud no procede de una cuenta de retailCRM conectada.");
	}

	@Test
	void aClickToCallWithoutANumberOrAManagerIs422NamingTheParameter() throws Exception {
		MockHttpServletResponse noPhone = send(
				get(MAKE_CALL).param("clientId", CLIENT_ID).param("code", "101").param("userId", "27"));
		MockHttpServletResponse noManager = send(
				get(MAKE_CALL).param("clientId", CLIENT_ID).param("phone", "79260000000").param("code", " "));

		assertThat(noPhone.getStatus()).isEqualTo(422);
		assertThat(json(noPhone).path("errors").get(0).path("field").asString()).isEqualTo("phone");
		assertThat(json(noPhone).path("errorMsg").asString()).isEqualTo("The number to call (phone) is missing.");
		assertThat(noManager.getStatus()).isEqualTo(422);
		assertThat(json(noManager).path("errors").get(0).path("field").asString()).isEqualTo("userId");
		assertThat(json(noManager).path("type").asString()).isEqualTo(Problems.TYPE_BASE + "invalid-input");
		assertThat(this.requests.asked).noneMatch((asked) -> asked.startsWith("makeCall"));
	}

	@Test
	void anAcceptedClickToCallIsASuccessWithTheOriginationAndReachesTheCoreAsSent() throws Exception {
		this.requests.outcome = new CrmRequestOutcome.Accepted(Text.literal("Calling 101."), 5, 44L);

		MockHttpServletResponse answer = send(get(MAKE_CALL).param("clientId", CLIENT_ID)
			.param("code", "101")
			.param("phone", " +7 926 000-00-00 ")
			.param("userId", "27")
			.param("externalPhone", "74993720692"));

		assertThat(answer.getStatus()).isEqualTo(200);
		JsonNode body = json(answer);
		assertThat(body.path("success").asBoolean()).isTrue();
		assertThat(body.path("message").asString()).isEqualTo("Calling 101.");
		assertThat(body.path("originationId").asLong()).isEqualTo(44);
		assertThat(this.requests.asked).containsExactly("authenticate retailcrm " + CLIENT_ID,
				"makeCall 9 CrmUserRef[crmUserId=27, code=101] +7 926 000-00-00 74993720692");
	}

	@Test
	void aRefusedClickToCallIsAProblemWithTheCoresStatusAndRetailCrmsErrorMembers() throws Exception {
		this.requests.outcome = new CrmRequestOutcome.Refused(409, null,
				Text.literal("Ana is on a call: try again when it ends."));

		MockHttpServletResponse answer = send(
				get(MAKE_CALL).param("clientId", CLIENT_ID).param("code", "101").param("phone", "79260000000"));

		assertThat(answer.getStatus()).isEqualTo(409);
		assertThat(answer.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		JsonNode body = json(answer);
		assertThat(body.path("type").asString()).isEqualTo(Problems.TYPE_BASE + "conflict");
		assertThat(body.path("status").asInt()).isEqualTo(409);
		assertThat(body.path("detail").asString()).isEqualTo("Ana is on a call: try again when it ends.");
		assertThat(body.path("success").asBoolean(true)).isFalse();
		assertThat(body.path("errorMsg").asString()).isEqualTo("Ana is on a call: try again when it ends.");
		assertThat(body.has("errors")).isFalse();
	}

	@Test
	void aRefusalNamingAParameterListsIt() throws Exception {
		this.requests.outcome = new CrmRequestOutcome.Refused(404, "userId",
				Text.literal("No agent is CRM user 27 or has code 101."));

		MockHttpServletResponse answer = send(
				get(MAKE_CALL).param("clientId", CLIENT_ID).param("userId", "27").param("phone", "79260000000"));

		assertThat(answer.getStatus()).isEqualTo(404);
		JsonNode body = json(answer);
		assertThat(body.path("type").asString()).isEqualTo(Problems.TYPE_BASE + "not-found");
		assertThat(body.path("errors").get(0).path("field").asString()).isEqualTo("userId");
		assertThat(body.path("errors").get(0).path("message").asString())
			.isEqualTo("No agent is CRM user 27 or has code 101.");
	}

	@Test
	void aProblemTheCoreRaisesIsAnsweredLikeARefusal() throws Exception {
		this.requests.failure = new Problems.ProviderFailure(Text.literal("UIS refused the call."));

		MockHttpServletResponse answer = send(
				get(MAKE_CALL).param("clientId", CLIENT_ID).param("code", "101").param("phone", "79260000000"));

		assertThat(answer.getStatus()).isEqualTo(502);
		assertThat(json(answer).path("errorMsg").asString()).isEqualTo("UIS refused the call.");
		assertThat(json(answer).path("type").asString()).isEqualTo(Problems.TYPE_BASE + "provider-failure");
	}

	@Test
	void aStatusChangeSetsTheCallbridgeStatusOfRetailCrmsStatus() throws Exception {
		this.requests.outcome = new CrmRequestOutcome.Accepted(Text.literal("Ana is on a break."), 5, null);

		MockHttpServletResponse answer = send(get(USER_STATUS).param("clientId", CLIENT_ID)
			.param("userId", "27")
			.param("code", "101")
			.param("status", "dinner"));

		assertThat(answer.getStatus()).isEqualTo(200);
		assertThat(json(answer).path("success").asBoolean()).isTrue();
		assertThat(json(answer).has("originationId")).isFalse();
		assertThat(this.requests.asked).endsWith("changeStatus 9 CrmUserRef[crmUserId=27, code=101] BREAK");
	}

	@Test
	void aStatusChangeIsAlsoTakenAsAFormPost() throws Exception {
		this.requests.outcome = new CrmRequestOutcome.Accepted(Text.literal("Ana is available."), 5, null);

		MockHttpServletResponse answer = send(post(USER_STATUS).contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.content("clientId=" + CLIENT_ID + "&userId=27&status=free"));

		assertThat(answer.getStatus()).isEqualTo(200);
		assertThat(this.requests.asked).endsWith("changeStatus 9 CrmUserRef[crmUserId=27, code=null] AVAILABLE");
	}

	@Test
	void anUnknownOrMissingStatusIs422NamingRetailCrmsStatuses() throws Exception {
		MockHttpServletResponse unknown = send(
				get(USER_STATUS).param("clientId", CLIENT_ID).param("userId", "27").param("status", "sleeping"));
		MockHttpServletResponse missing = send(
				get(USER_STATUS).param("clientId", CLIENT_ID).param("userId", "27").header("Accept-Language", "es"));
		MockHttpServletResponse noManager = send(get(USER_STATUS).param("clientId", CLIENT_ID).param("status", "free"));

		assertThat(unknown.getStatus()).isEqualTo(422);
		assertThat(json(unknown).path("detail").asString())
			.isEqualTo("“sleeping” is not a retailCRM user status: use free, busy, dinner, break.");
		assertThat(json(unknown).path("errors").get(0).path("field").asString()).isEqualTo("status");
		assertThat(missing.getStatus()).isEqualTo(422);
		assertThat(json(missing).path("detail").asString())
			.isEqualTo("«» no es un estado de usuario de retailCRM: use free, busy, dinner, break.");
		assertThat(noManager.getStatus()).isEqualTo(422);
		assertThat(json(noManager).path("errors").get(0).path("field").asString()).isEqualTo("userId");
		assertThat(this.requests.asked).noneMatch((asked) -> asked.startsWith("changeStatus"));
	}

	private MockHttpServletResponse send(RequestBuilder request) throws Exception {
		MockHttpServletResponse response = this.mvc.perform(request).andReturn().getResponse();
		response.setCharacterEncoding("UTF-8");
		return response;
	}

	private static JsonNode json(MockHttpServletResponse response) throws Exception {
		return JsonMapper.shared().readTree(response.getContentAsString());
	}

	/** The core as a test scripts it: one connection, one outcome, every call noted. */
	static final class ScriptedRequests implements CrmRequests {

		final List<String> asked = new ArrayList<>();

		CrmRequestOutcome outcome = new CrmRequestOutcome.Accepted(Text.literal("Done."), 5, null);

		@Nullable RuntimeException failure;

		private final CrmConnection connection = new CrmConnection(9, 3, "retailcrm", "Shop",
				"https://shop.retailcrm.ru", "callbridge", CLIENT_ID, "https://cb.example", List.of(1L), false, true,
				Map.of(), 12L);

		@Override
		public Optional<CrmConnection> authenticate(String connector, String clientId) {
			this.asked.add("authenticate " + connector + " " + clientId);
			return (connector.equals("retailcrm") && clientId.equals(CLIENT_ID)) ? Optional.of(this.connection)
					: Optional.empty();
		}

		@Override
		public CrmRequestOutcome makeCall(CrmConnection connection, CrmUserRef manager, String phone,
				@Nullable String externalPhone) {
			this.asked.add("makeCall " + connection.id() + " " + manager + " " + phone + " " + externalPhone);
			return answer();
		}

		@Override
		public CrmRequestOutcome changeStatus(CrmConnection connection, CrmUserRef manager, AgentStatus status) {
			this.asked.add("changeStatus " + connection.id() + " " + manager + " " + status);
			return answer();
		}

		private CrmRequestOutcome answer() {
			if (this.failure != null) {
				throw this.failure;
			}
			return this.outcome;
		}

	}

}

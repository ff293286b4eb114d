package io.callbridge.omnileads;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.callbridge.campaigns.CampaignCalls;
import io.callbridge.omnileads.MakeCallForm.Outcome;
import io.callbridge.omnileads.MakeCallForm.Refused;
import io.callbridge.omnileads.MakeCallForm.Valid;
import io.callbridge.shared.CurrentUser;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Problems.FieldError;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.MessageSource;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * OMniLeads' {@code POST api/v1/makeCall/}: a CRM's click-to-call for an agent of a
 * campaign, by Callbridge's ids or by an external system's. Always answered 200, as
 * OMniLeads does: {@code {"status": "OK"}} once the agent's provider accepted the call,
 * else {@code "ERROR"} with OMniLeads' shapes. The call is placed through
 * {@link CampaignCalls}, so it carries the campaign, the agent and the contact.
 */
@RestController
class MakeCallController {

	private final OmlDirectory directory;

	private final CampaignCalls calls;

	private final OmlAccess access;

	private final MessageSource messages;

	MakeCallController(OmlDirectory directory, CampaignCalls calls, OmlAccess access, MessageSource messages) {
		this.directory = directory;
		this.calls = calls;
		this.access = access;
		this.messages = messages;
	}

	@PostMapping({ OmlPaths.DEFAULT + "makeCall", OmlPaths.DEFAULT + "makeCall/", OmlPaths.TENANT + "makeCall",
			OmlPaths.TENANT + "makeCall/" })
	Map<String, Object> makeCall(CurrentUser user, HttpServletRequest request) {
		OmlLanguage language = OmlLanguage.of(request);
		this.access.requireAgent(user, language);
		Outcome outcome = new MakeCallForm(this.directory, language).validate(user, OmlBody.read(request));
		return switch (outcome) {
			case Refused refused -> dataErrors(refused.errors(), language);
			case Valid valid -> place(user, valid, language);
		};
	}

	private Map<String, Object> place(CurrentUser user, Valid call, OmlLanguage language) {
		try {
			this.calls.start(user, call.campaignId(), call.agentId(), call.contactId(), call.phone());
			return Map.of("status", "OK");
		}
		catch (Problems.InvalidInput invalid) {
			Map<String, List<String>> fields = new LinkedHashMap<>();
			List<String> others = new ArrayList<>();
			for (FieldError error : invalid.errors()) {
				String text = error.text().in(this.messages, language.locale());
				String field = switch (error.field()) {
					case "number" -> "phone";
					case "agentId" -> "idAgent";
					case "contactId" -> "idContact";
					default -> null;
				};
				if (field != null) {
					fields.computeIfAbsent(field, (key) -> new ArrayList<>()).add(text);
				}
				else {
					others.add(text);
				}
			}
			return others.isEmpty() ? dataErrors(fields, language) : callFailed(others, language);
		}
		catch (Problems.Problem refused) {
			return callFailed(List.of(refused.text().in(this.messages, language.locale())), language);
		}
	}

	private static Map<String, Object> dataErrors(Map<String, List<String>> errors, OmlLanguage language) {
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("status", "ERROR");
		answer.put("message", OmlTexts.DATA_ERRORS.in(language));
		answer.put("errors", errors);
		return answer;
	}

	private static Map<String, Object> callFailed(List<String> reasons, OmlLanguage language) {
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("status", "ERROR");
		answer.put("message", OmlTexts.CALL_FAILED.in(language));
		answer.put("errors", reasons);
		return answer;
	}

}

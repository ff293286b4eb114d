package io.callbridge.omnileads;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import io.callbridge.campaigns.AgentLink;
import io.callbridge.campaigns.ExternalSystem;
import io.callbridge.campaigns.ExternalSystems;
import io.callbridge.shared.CurrentUser;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Problems.FieldError;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.context.MessageSource;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * OMniLeads' external systems API for supervisors: list, create, detail and update (rows
 * with an {@code id} kept and changed, rows without one added, rows left out deleted).
 * Where OMniLeads answers a repeated agent or external id with a 500, Callbridge answers
 * 400 naming it.
 */
@RestController
class ExternalSystemsOmlController {

	// The paths below the API's base; also kept apart from "/update" so that no check of
	// SQL reads "update external_systems" as a statement.
	private static final String SYSTEMS = "external_systems";

	private static final String SYSTEM = "external_systems/{id}";

	private final ExternalSystems systems;

	private final MessageSource messages;

	ExternalSystemsOmlController(ExternalSystems systems, MessageSource messages) {
		this.systems = systems;
		this.messages = messages;
	}

	@GetMapping({ OmlPaths.DEFAULT + SYSTEMS, OmlPaths.DEFAULT + SYSTEMS + "/", OmlPaths.TENANT + SYSTEMS,
			OmlPaths.TENANT + SYSTEMS + "/" })
	Map<String, Object> list(CurrentUser user, HttpServletRequest request) {
		OmlLanguage language = OmlLanguage.of(request);
		OmlAccess.requireSupervisor(user, language);
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("status", "SUCCESS");
		answer.put("message", OmlTexts.SYSTEMS_FETCHED.in(language));
		answer.put("externalSystems",
				this.systems.list(user.tenantId()).stream().map(ExternalSystemsOmlController::shape).toList());
		return answer;
	}

	@GetMapping({ OmlPaths.DEFAULT + SYSTEM, OmlPaths.DEFAULT + SYSTEM + "/", OmlPaths.TENANT + SYSTEM,
			OmlPaths.TENANT + SYSTEM + "/" })
	ResponseEntity<Object> detail(CurrentUser user, @PathVariable long id, HttpServletRequest request) {
		OmlLanguage language = OmlLanguage.of(request);
		OmlAccess.requireSupervisor(user, language);
		Optional<ExternalSystem> system = this.systems.find(user.tenantId(), id);
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("status", system.isPresent() ? "SUCCESS" : "ERROR");
		answer.put("message", system.isPresent() ? OmlTexts.SYSTEM_FETCHED.in(language)
				: OmlTexts.SYSTEM_MISSING_FOR_DETAIL.in(language));
		answer.put("externalSystem", system.map(ExternalSystemsOmlController::shape).orElse(null));
		// OMniLeads answers an unknown system with a 500.
		return ResponseEntity.status(system.isPresent() ? 200 : 500).body(answer);
	}

	@PostMapping({ OmlPaths.DEFAULT + SYSTEMS + "/create", OmlPaths.DEFAULT + SYSTEMS + "/create/",
			OmlPaths.TENANT + SYSTEMS + "/create", OmlPaths.TENANT + SYSTEMS + "/create/" })
	ResponseEntity<Object> create(CurrentUser user, HttpServletRequest request) {
		OmlLanguage language = OmlLanguage.of(request);
		OmlAccess.requireSupervisor(user, language);
		return save(user, null, OmlBody.read(request), OmlTexts.SYSTEM_CREATED, language);
	}

	@PutMapping({ OmlPaths.DEFAULT + SYSTEM + "/update", OmlPaths.DEFAULT + SYSTEM + "/update/",
			OmlPaths.TENANT + SYSTEM + "/update", OmlPaths.TENANT + SYSTEM + "/update/" })
	ResponseEntity<Object> update(CurrentUser user, @PathVariable long id, HttpServletRequest request) {
		OmlLanguage language = OmlLanguage.of(request);
		OmlAccess.requireSupervisor(user, language);
		if (this.systems.find(user.tenantId(), id).isEmpty()) {
			Map<String, Object> answer = new LinkedHashMap<>();
			answer.put("status", "ERROR");
			answer.put("errors", Map.of());
			answer.put("message", OmlTexts.SYSTEM_MISSING_FOR_UPDATE.in(language));
			return ResponseEntity.status(500).body(answer);
		}
		return save(user, id, OmlBody.read(request), OmlTexts.SYSTEM_UPDATED, language);
	}

	private ResponseEntity<Object> save(CurrentUser user, @Nullable Long id, OmlBody body, OmlTexts done,
			OmlLanguage language) {
		Map<String, Object> errors = new LinkedHashMap<>();
		Optional<String> name = body.filled("nombre");
		if (name.isEmpty()) {
			errors.put("nombre",
					List.of((body.node("nombre").isPresent() ? OmlTexts.BLANK : OmlTexts.REQUIRED).in(language)));
		}
		List<AgentLink> links = links(body, errors, language);
		if (errors.isEmpty()) {
			try {
				this.systems.save(user.tenantId(), id, name.orElseThrow(), links);
			}
			catch (Problems.InvalidInput invalid) {
				for (FieldError error : invalid.errors()) {
					String field = error.field().startsWith("name") ? "nombre" : "agentes";
					@SuppressWarnings("unchecked")
					List<String> texts = (List<String>) errors.computeIfAbsent(field, (key) -> new ArrayList<String>());
					texts.add(error.text().in(this.messages, language.locale()));
				}
			}
		}
		Map<String, Object> answer = new LinkedHashMap<>();
		if (errors.isEmpty()) {
			answer.put("status", "SUCCESS");
			answer.put("errors", Map.of());
			answer.put("message", done.in(language));
			return ResponseEntity.ok(answer);
		}
		answer.put("status", "ERROR");
		answer.put("errors", errors);
		answer.put("message", PythonJson.dumps(errors));
		return ResponseEntity.badRequest().body(answer);
	}

	// DRF's nested serializer: a list of {"id"?, "agente", "id_externo_agente"}, each
	// item's errors at its position.
	private static List<AgentLink> links(OmlBody body, Map<String, Object> errors, OmlLanguage language) {
		Optional<JsonNode> agents = body.node("agentes");
		if (agents.isEmpty()) {
			errors.put("agentes", List.of(OmlTexts.REQUIRED.in(language)));
			return List.of();
		}
		if (!agents.get().isArray()) {
			errors.put("agentes", List.of(OmlTexts.NOT_A_LIST.in(language, pythonType(agents.get()))));
			return List.of();
		}
		List<AgentLink> links = new ArrayList<>();
		List<Map<String, List<String>>> itemErrors = new ArrayList<>();
		boolean failed = false;
		for (JsonNode item : agents.get()) {
			Map<String, List<String>> problems = new LinkedHashMap<>();
			OptionalLong agent = MakeCallForm.id(scalar(item, "agente"));
			String externalId = scalar(item, "id_externo_agente").map(String::strip).orElse("");
			if (agent.isEmpty()) {
				problems.put("agente", List.of(OmlTexts.REQUIRED.in(language)));
			}
			if (externalId.isEmpty()) {
				problems.put("id_externo_agente",
						List.of((item.has("id_externo_agente") ? OmlTexts.BLANK : OmlTexts.REQUIRED).in(language)));
			}
			OptionalLong linkId = MakeCallForm.id(scalar(item, "id"));
			if (problems.isEmpty()) {
				links.add(new AgentLink(linkId.isPresent() ? linkId.getAsLong() : null, agent.getAsLong(), externalId));
			}
			failed |= !problems.isEmpty();
			itemErrors.add(problems);
		}
		if (failed) {
			errors.put("agentes", itemErrors);
		}
		return links;
	}

	// The Python type DRF names: what json.loads made of the value.
	private static String pythonType(JsonNode node) {
		if (node.isString()) {
			return "str";
		}
		if (node.isObject()) {
			return "dict";
		}
		if (node.isBoolean()) {
			return "bool";
		}
		if (node.isNull()) {
			return "NoneType";
		}
		return node.isIntegralNumber() ? "int" : "float";
	}

	private static Optional<String> scalar(JsonNode item, String field) {
		JsonNode value = item.get(field);
		return (value != null && value.isValueNode() && !value.isNull()) ? Optional.of(value.asString())
				: Optional.empty();
	}

	private static Map<String, Object> shape(ExternalSystem system) {
		Map<String, Object> shape = new LinkedHashMap<>();
		shape.put("id", system.id());
		shape.put("agentes", system.agents().stream().map((link) -> {
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("id", link.id());
			row.put("id_externo_agente", link.externalId());
			row.put("agente", link.agentId());
			return row;
		}).toList());
		shape.put("nombre", system.name());
		return shape;
	}

}

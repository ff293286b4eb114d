package io.callbridge.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.callbridge.support.ApiClient;
import io.callbridge.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The published OpenAPI document tells the truth: fields that may be {@code null} say so
 * and the others are required, every operation documents its problem+json errors, the
 * task list is a page, and every reference resolves.
 */
@IntegrationTest
class OpenApiDocsTests {

	@Autowired
	ApiClient api;

	private JsonNode docs;

	@BeforeEach
	void readTheDocument() {
		this.docs = this.api.anonymous().get("/v3/api-docs").json(200);
	}

	@Test
	void nullableFieldsAreMarkedAndTheOthersRequired() {
		JsonNode contact = schema("ContactView");

		assertThat(types(contact.path("properties").path("company"))).containsExactlyInAnyOrder("string", "null");
		assertThat(types(contact.path("properties").path("responsibleId"))).containsExactlyInAnyOrder("integer",
				"null");
		assertThat(types(contact.path("properties").path("name"))).containsExactly("string");
		assertThat(texts(contact.path("required"))).contains("id", "name", "phones", "tags")
			.doesNotContain("company", "email", "externalId");
		assertThat(types(schema("Task").path("properties").path("dueAt"))).contains("null");
		assertThat(schema("CallView").path("properties").path("disposition").path("anyOf").toString())
			.contains("#/components/schemas/Disposition")
			.contains("\"null\"");
		assertThat(texts(schema("PhoneRequest").path("required"))).containsExactly("number");
	}

	@Test
	void everyOperationDocumentsItsProblemResponses() {
		List<String> missing = new ArrayList<>();
		for (Map.Entry<String, JsonNode> path : this.docs.path("paths").properties()) {
			for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
				JsonNode responses = operation.getValue().path("responses");
				for (String status : List.of("400", "401", "403", "500")) {
					if (!problemSchema(responses.path(status))) {
						missing.add(operation.getKey() + " " + path.getKey() + " " + status);
					}
				}
				if (path.getKey().contains("{") && !problemSchema(responses.path("404"))) {
					missing.add(operation.getKey() + " " + path.getKey() + " 404");
				}
			}
		}

		assertThat(missing).as("operations without a documented problem response").isEmpty();
		JsonNode create = this.docs.path("paths").path("/api/v1/contacts").path("post").path("responses");
		assertThat(problemSchema(create.path("422"))).isTrue();
		assertThat(problemSchema(create.path("409"))).isTrue();
		JsonNode problem = schema("Problem");
		assertThat(problem.path("properties").properties()).extracting(Map.Entry::getKey)
			.contains("type", "title", "status", "detail", "errors");
	}

	@Test
	void taskListIsDocumentedAsAPageWithItsFilters() {
		JsonNode list = this.docs.path("paths").path("/api/v1/tasks").path("get");

		String page = list.path("responses").path("200").toString();
		assertThat(page).contains("#/components/schemas/PageResultTask");
		assertThat(schema("PageResultTask").path("properties").path("items").path("items").path("$ref").asString())
			.isEqualTo("#/components/schemas/Task");
		List<String> parameters = new ArrayList<>();
		list.path("parameters").forEach((parameter) -> parameters.add(parameter.path("name").asString()));
		assertThat(parameters).contains("assigneeId", "status", "page", "size");
	}

	@Test
	void everyReferenceResolves() {
		List<String> references = new ArrayList<>();
		collectReferences(this.docs, references);

		assertThat(this.docs.path("openapi").asString()).startsWith("3.1");
		assertThat(references).isNotEmpty();
		assertThat(references).allSatisfy(
				(reference) -> assertThat(schema(reference.substring("#/components/schemas/".length())).isMissingNode())
					.as(reference)
					.isFalse());
	}

	private JsonNode schema(String name) {
		return this.docs.path("components").path("schemas").path(name);
	}

	private static boolean problemSchema(JsonNode response) {
		return "#/components/schemas/Problem"
			.equals(response.path("content").path("application/problem+json").path("schema").path("$ref").asString());
	}

	private static List<String> types(JsonNode property) {
		JsonNode type = property.path("type");
		return type.isArray() ? texts(type) : List.of(type.asString());
	}

	private static List<String> texts(JsonNode array) {
		List<String> texts = new ArrayList<>();
		array.forEach((value) -> texts.add(value.asString()));
		return texts;
	}

	private static void collectReferences(JsonNode node, List<String> references) {
		if (node.isObject()) {
			for (Map.Entry<String, JsonNode> field : node.properties()) {
				if ("$ref".equals(field.getKey())) {
					references.add(field.getValue().asString());
				}
				else {
					collectReferences(field.getValue(), references);
				}
			}
		}
		else if (node.isArray()) {
			node.forEach((element) -> collectReferences(element, references));
		}
	}

}

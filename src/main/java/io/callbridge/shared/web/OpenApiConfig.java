package io.callbridge.shared.web;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.callbridge.shared.CurrentUser;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.annotations.ParameterObject;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.method.HandlerMethod;

/**
 * The OpenAPI description of {@code /api/v1}: Bearer API tokens, the authenticated user
 * hidden from the parameters (it comes from the token, not from the request), the
 * problem+json error answers every operation may give, and nullable fields marked (see
 * {@link NullabilityModelConverter}).
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

	private static final String PROBLEM = "Problem";

	private static final String PROBLEM_JSON = "application/problem+json";

	static {
		SpringDocUtils.getConfig().addRequestWrapperToIgnore(CurrentUser.class);
	}

	@Bean
	OpenAPI callbridgeOpenApi() {
		return new OpenAPI()
			.info(new Info().title("Callbridge API")
				.version("v1")
				.description("Contacts, agents, telephony accounts, calls, dispositions, click-to-call and the sandbox "
						+ "PBX. Authenticate with an API token issued by an admin: 'Authorization: Bearer cbt_…'. "
						+ "Errors are application/problem+json with a stable 'type' per kind of problem "
						+ "(https://callbridge.dev/problems/<kind>), a 'detail' in the reader's language "
						+ "(Accept-Language: en or es) and, for invalid fields, 'errors' naming each field.")
				.license(new License().name("Apache-2.0")))
			.components(new Components()
				.addSecuritySchemes("bearer",
						new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("API token"))
				.addSchemas("FieldError", fieldError())
				.addSchemas(PROBLEM, problem()))
			.addSecurityItem(new SecurityRequirement().addList("bearer"));
	}

	/**
	 * Documents on every operation the errors it can answer, as problem+json: those of
	 * every request, 404 where a path names a record, 409 and 422 where a request changes
	 * or filters something.
	 */
	@Bean
	OperationCustomizer documentedProblems() {
		return (operation, handler) -> {
			ApiResponses responses = (operation.getResponses() != null) ? operation.getResponses() : new ApiResponses();
			errorsOf(handler, operation).forEach((status, description) -> {
				if (!responses.containsKey(status)) {
					responses.addApiResponse(status, new ApiResponse().description(description)
						.content(new Content().addMediaType(PROBLEM_JSON,
								new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)))));
				}
			});
			operation.setResponses(responses);
			return operation;
		};
	}

	private static Map<String, String> errorsOf(HandlerMethod handler, Operation operation) {
		List<MethodParameter> parameters = Arrays.asList(handler.getMethodParameters());
		boolean pathVariable = parameters.stream().anyMatch((p) -> p.hasParameterAnnotation(PathVariable.class));
		boolean input = parameters.stream()
			.anyMatch((p) -> p.hasParameterAnnotation(RequestParam.class) || p.hasParameterAnnotation(RequestBody.class)
					|| p.hasParameterAnnotation(RequestPart.class) || p.hasParameterAnnotation(ParameterObject.class))
				|| operation.getRequestBody() != null;
		boolean changes = !"GET".equals(httpMethod(handler));
		Map<String, String> errors = new LinkedHashMap<>();
		errors.put("400", "The request cannot be read: a malformed parameter, or a body that is not valid JSON or "
				+ "has a value of the wrong kind (the field is named in 'errors').");
		errors.put("401", "No API token, or one that is unknown, revoked or whose user is disabled.");
		errors.put("403", "The caller's role does not allow this.");
		if (pathVariable) {
			errors.put("404", "No such record in the caller's tenant.");
		}
		if (changes) {
			errors.put("409", "The change conflicts with the current state.");
		}
		if (input || changes) {
			errors.put("422", "A value is invalid (too long, unknown, out of range…); 'errors' names each field.");
		}
		errors.put("500", "An unexpected error; the detail says nothing internal.");
		return errors;
	}

	private static String httpMethod(HandlerMethod handler) {
		RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequestMapping.class);
		return (mapping != null && mapping.method().length > 0) ? mapping.method()[0].name() : "GET";
	}

	private static Schema<?> problem() {
		ObjectSchema problem = new ObjectSchema();
		problem.setDescription("An error, as RFC 9457 problem details.");
		problem.addProperty("type", new StringSchema().format("uri")
			.description("Stable kind of problem, e.g. https://callbridge.dev/problems/invalid-input"));
		problem.addProperty("title", new StringSchema().description("The HTTP status' reason phrase"));
		problem.addProperty("status", new IntegerSchema().description("The HTTP status"));
		problem.addProperty("detail", new StringSchema().description("What went wrong, in the reader's language"));
		problem.addProperty("instance", new StringSchema().format("uri-reference").description("The request path"));
		problem.addProperty("errors", new ArraySchema().items(new Schema<>().$ref("#/components/schemas/FieldError"))
			.description("The invalid fields (400 and 422)"));
		problem.setRequired(List.of("type", "title", "status", "detail"));
		return problem;
	}

	private static Schema<?> fieldError() {
		ObjectSchema error = new ObjectSchema();
		error.setDescription("One invalid field.");
		error.addProperty("field", new StringSchema().description("The field, e.g. name, phones[1] or file"));
		error.addProperty("message", new StringSchema().description("What is wrong with it"));
		error.setRequired(List.of("field", "message"));
		return error;
	}

}

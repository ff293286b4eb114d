package io.callbridge.shared.web;

import io.callbridge.shared.CurrentUser;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.utils.SpringDocUtils;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description of {@code /api/v1}: Bearer API tokens, and the authenticated
 * user hidden from the parameters (it comes from the token, not from the request).
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

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
						+ "Errors are application/problem+json with a stable 'type' per kind of problem.")
				.license(new License().name("Apache-2.0")))
			.components(new Components().addSecuritySchemes("bearer",
					new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("API token")))
			.addSecurityItem(new SecurityRequirement().addList("bearer"));
	}

}

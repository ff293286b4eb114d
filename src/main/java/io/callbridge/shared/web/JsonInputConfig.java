package io.callbridge.shared.web;

import java.util.Collection;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How strictly request bodies are read: a value of the wrong kind is refused rather than
 * converted ({@code "extension": false} is not the text "false", {@code "active": 1} is
 * not {@code true}), and a list may not contain {@code null} ({@code "tags": [null]}).
 * Numbers stay accepted for text fields, because phone numbers and external ids are often
 * sent as JSON numbers.
 */
@Configuration(proxyBeanMethods = false)
class JsonInputConfig {

	@Bean
	JsonMapperBuilderCustomizer strictJsonInput() {
		return (builder) -> {
			builder.withCoercionConfig(LogicalType.Textual,
					(config) -> config.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
			builder.withCoercionConfig(LogicalType.Boolean,
					(config) -> config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.String, CoercionAction.Fail));
			for (Class<?> type : List.of(Collection.class, List.class, Set.class)) {
				builder.withConfigOverride(type,
						(override) -> override.setNullHandling(JsonSetter.Value.forContentNulls(Nulls.FAIL)));
			}
		};
	}

}

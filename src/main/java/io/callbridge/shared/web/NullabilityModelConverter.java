package io.callbridge.shared.web;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JavaType;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.oas.models.media.Schema;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Makes the OpenAPI schemas of records say what the code says: a component marked
 * {@code @Nullable} (JSpecify) may be {@code null} ({@code "type": ["string", "null"]} in
 * OpenAPI 3.1), every other component is required and never {@code null}.
 */
@Component
class NullabilityModelConverter implements ModelConverter {

	private static final String SCHEMAS = "#/components/schemas/";

	// The interface works with raw schemas.
	@Override
	@SuppressWarnings("rawtypes")
	public @Nullable Schema resolve(AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
		Schema<?> schema = chain.hasNext() ? chain.next().resolve(type, context, chain) : null;
		Class<?> raw = rawClass(type.getType());
		if (schema == null || raw == null || !raw.isRecord()) {
			return schema;
		}
		Schema<?> model = (schema.get$ref() != null && schema.get$ref().startsWith(SCHEMAS))
				? context.getDefinedModels().get(schema.get$ref().substring(SCHEMAS.length())) : schema;
		if (model != null && model.getProperties() != null) {
			describe(model, raw);
		}
		return schema;
	}

	@Override
	public boolean isOpenapi31() {
		return true;
	}

	@SuppressWarnings("rawtypes")
	private static void describe(Schema<?> model, Class<?> record) {
		Map<String, Schema> properties = model.getProperties();
		Set<String> required = new LinkedHashSet<>((model.getRequired() != null) ? model.getRequired() : List.of());
		for (RecordComponent component : record.getRecordComponents()) {
			Schema<?> property = properties.get(component.getName());
			if (property == null) {
				continue;
			}
			if (component.getAnnotatedType().isAnnotationPresent(Nullable.class)) {
				required.remove(component.getName());
				properties.put(component.getName(), nullable(property));
			}
			else {
				required.add(component.getName());
			}
		}
		model.setRequired(required.isEmpty() ? null : new ArrayList<>(required));
	}

	private static Schema<?> nullable(Schema<?> property) {
		if (property.get$ref() != null) {
			Schema<Object> either = new Schema<>();
			either.addAnyOfItem(new Schema<>().$ref(property.get$ref()));
			either.addAnyOfItem(new Schema<>().typesItem("null"));
			either.setDescription(property.getDescription());
			return either;
		}
		if (property.getTypes() == null && property.getType() != null) {
			property.typesItem(property.getType());
		}
		if (property.getTypes() != null) {
			property.typesItem("null");
		}
		return property;
	}

	private static @Nullable Class<?> rawClass(@Nullable Type type) {
		if (type instanceof Class<?> plain) {
			return plain;
		}
		if (type instanceof ParameterizedType parameterized && parameterized.getRawType() instanceof Class<?> raw) {
			return raw;
		}
		if (type instanceof JavaType javaType) {
			return javaType.getRawClass();
		}
		return null;
	}

}

package io.callbridge.telephony.web;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/**
 * Reads one account setting's value: settings are typed switches, numbers and texts, so
 * {@code true}, {@code 5} and {@code "5"} are all accepted and kept as text; an object or
 * a list is refused.
 */
class SettingValueDeserializer extends ValueDeserializer<String> {

	@Override
	public String deserialize(JsonParser parser, DeserializationContext context) {
		JsonToken token = parser.currentToken();
		return switch (token) {
			case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getString();
			case VALUE_TRUE -> "true";
			case VALUE_FALSE -> "false";
			default -> (String) context.handleUnexpectedToken(String.class, parser);
		};
	}

}

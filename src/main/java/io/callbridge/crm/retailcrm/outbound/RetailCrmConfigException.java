package io.callbridge.crm.retailcrm.outbound;

import io.callbridge.shared.Text;
import org.jspecify.annotations.Nullable;

/**
 * A connection that cannot be used as it stands (no API key, an address that is no URL, a
 * setting out of form): nothing is sent to retailCRM, and the admin is told which field
 * to fix.
 */
final class RetailCrmConfigException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final @Nullable String field;

	private final transient Text text;

	RetailCrmConfigException(@Nullable String field, Text text) {
		super(text.english());
		this.field = field;
		this.text = text;
	}

	/** The connection field at fault, if one. */
	@Nullable String field() {
		return this.field;
	}

	/** What is wrong, in the reader's language. */
	Text text() {
		return this.text;
	}

}

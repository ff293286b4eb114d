package io.callbridge.shared;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Hands the application's messages to {@link Text#localized()}, which renders texts
 * stored as keys (automatic task titles, notes) while records are read.
 */
@Component
class TextMessages {

	TextMessages(MessageSource messages) {
		Text.useMessages(messages);
	}

}

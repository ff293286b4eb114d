package io.callbridge.telephony;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.callbridge.shared.Text;

/**
 * Outbound port every telephony adapter implements: what the core asks of a provider. The
 * adapter's inbound side (webhooks, pollers) delivers events to the {@link CallEventSink}
 * instead.
 */
public interface TelephonyProvider {

	/**
	 * The provider's key as stored on its accounts, e.g. {@code sandbox},
	 * {@code zadarma}.
	 */
	String key();

	/** The provider's name in English, for logs and exception messages. */
	default String displayName() {
		return label().english();
	}

	/**
	 * The provider's name as people read it, in their language; an adapter names it by
	 * the message {@code provider.<key>} ({@link #messages}).
	 */
	default Text label() {
		return messages("provider", key());
	}

	/**
	 * The label of one of the provider's credential fields on the account form, in the
	 * reader's language; an adapter names it by the message
	 * {@code credential.<provider>.<field>} ({@link #messages}).
	 */
	default Text credentialLabel(String field) {
		return messages("credential", key(), field);
	}

	/**
	 * A text of this provider's own messages: {@code <prefix>.<key>.<suffix>}, e.g. its
	 * name {@code provider.zadarma} or a credential label
	 * {@code credential.zadarma.secret}.
	 */
	static Text messages(String prefix, String key, String... suffix) {
		String message = prefix + "." + key + (suffix.length == 0 ? "" : "." + String.join(".", suffix));
		return Text.of(message);
	}

	/** Whether calls through this provider are simulated (the UI labels them as such). */
	default boolean simulated() {
		return false;
	}

	/**
	 * The longest a call through this provider can last. A call with no event for longer
	 * than this was ended without Callbridge being told (a lost notification, a crash
	 * just after an acknowledgement); the core then closes it, marked as such, until the
	 * provider's records say more.
	 */
	default Duration maxCallDuration() {
		return Duration.ofHours(4);
	}

	/**
	 * The provider's own settings: the fields the account form edits (each checked when
	 * an account is saved) and the typed record its adapters read them as. The
	 * provider-neutral ones are {@link CommonSettings}.
	 */
	default SettingsSchema<?> settings() {
		return SettingsSchema.none();
	}

	/** The provider's own setting fields, as its {@link #settings()} declare them. */
	default List<SettingField> settingFields() {
		return settings().fields();
	}

	/**
	 * The source addresses the provider documents for its webhooks (IPv4 addresses or
	 * CIDR ranges), which the account page offers as the {@code allowedIps} allow-list in
	 * one click; empty when it documents none.
	 */
	default List<String> documentedSourceAddresses() {
		return List.of();
	}

	/**
	 * The extensions an account has by its own settings, for a provider whose extensions
	 * Callbridge defines (the sandbox's {@code extensions}); empty when only the provider
	 * knows them, as it lists them with {@link #listEndpoints}.
	 */
	default Optional<List<String>> definedExtensions(TelephonyAccount account) {
		return Optional.empty();
	}

	/**
	 * The credential fields an account of this provider must have, e.g. {@code key} and
	 * {@code secret}.
	 */
	List<String> credentialFields();

	/**
	 * The sets of credential fields each enough for an account: an account needs every
	 * field of at least one set, and may leave the others empty (UIS: an access token, or
	 * a login and password, each with the notification secret). By default one set, every
	 * field of {@link #credentialFields()}.
	 */
	default List<List<String>> credentialSets() {
		return List.of(credentialFields());
	}

	/**
	 * Starts a call for an agent (click-to-call): the provider rings the agent's
	 * extension and then the destination. Acceptance only means the provider took the
	 * request; the call's outcome arrives as events.
	 * @param account the account to call through
	 * @param credentials the account's decrypted credentials
	 * @param request who calls whom
	 * @return accepted (with the provider's call id when it returns one) or refused with
	 * the provider's reason
	 */
	OriginateResult originate(TelephonyAccount account, Credentials credentials, OriginateRequest request);

	/**
	 * Lists the extensions or endpoints the account has at the provider.
	 * @param account the account
	 * @param credentials the account's decrypted credentials
	 * @return the endpoints
	 */
	List<ProviderEndpoint> listEndpoints(TelephonyAccount account, Credentials credentials);

}

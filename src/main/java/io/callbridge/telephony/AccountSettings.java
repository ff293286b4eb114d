package io.callbridge.telephony;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The keys of the provider-neutral account settings, and the fields of any account: these
 * first, then the provider's own. Their values are read as {@link CommonSettings}.
 */
public final class AccountSettings {

	/** Create a contact (lead) for a caller whose number is unknown (guide item 6). */
	public static final String CREATE_LEADS = "createLeads";

	/** Create a call-back task for a missed inbound call (guide item 9). */
	public static final String MISSED_CALL_TASKS = "missedCallTasks";

	/** Reconcile calls with the provider's history on a schedule. */
	public static final String RECONCILE = "reconcile";

	/**
	 * Further caller identities (endpoints, e.g. a private one) agents may call from,
	 * comma-separated.
	 */
	public static final String CALLER_IDENTITIES = "callerIdentities";

	/**
	 * Whether a known caller is sent straight to their responsible agent when the call
	 * starts (guide item 7), for providers that route at call start (Zadarma, the
	 * sandbox).
	 */
	public static final String ROUTE_TO_RESPONSIBLE = "routeToResponsible";

	/**
	 * The account's default responsible agent (an agent id), set on the account's
	 * Extensions page; the agents module reads it.
	 */
	public static final String DEFAULT_RESPONSIBLE = "defaultResponsibleId";

	/**
	 * The source addresses a provider's webhooks are accepted from (comma-separated IPv4
	 * addresses or ranges; empty accepts any), for providers that declare it.
	 */
	public static final String ALLOWED_IPS = "allowedIps";

	private AccountSettings() {
	}

	/**
	 * Every setting an account of {@code provider} may have: the provider-neutral ones
	 * first, then the provider's own. Any other key is refused when an account is saved.
	 */
	public static List<SettingField> fieldsOf(TelephonyProvider provider) {
		Map<String, SettingField> fields = new LinkedHashMap<>();
		fields.put(CREATE_LEADS, CommonSettings.CREATE_LEADS);
		fields.put(MISSED_CALL_TASKS, CommonSettings.MISSED_CALL_TASKS);
		if (provider instanceof CallHistorySource) {
			fields.put(RECONCILE, CommonSettings.RECONCILE);
		}
		provider.settingFields().forEach((field) -> fields.put(field.key(), field));
		if (!provider.simulated()) {
			fields.putIfAbsent(CALLER_IDENTITIES, CommonSettings.CALLER_IDENTITIES);
		}
		fields.put(DEFAULT_RESPONSIBLE, CommonSettings.DEFAULT_RESPONSIBLE);
		return List.copyOf(fields.values());
	}

	/**
	 * The stored values of the account's settings that are unusable (saved before their
	 * rule existed) and so read as their defaults, for the admin to correct.
	 */
	public static List<StoredSettings.SettingProblem> unusableOf(TelephonyProvider provider, TelephonyAccount account) {
		StoredSettings stored = StoredSettings.of(account);
		CommonSettings.SCHEMA.reader().apply(stored);
		provider.settings().reader().apply(stored);
		Set<String> declared = new HashSet<>();
		fieldsOf(provider).forEach((field) -> declared.add(field.key()));
		return stored.problems().stream().filter((problem) -> declared.contains(problem.key())).toList();
	}

}

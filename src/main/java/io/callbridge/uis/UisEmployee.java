package io.callbridge.uis;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A UIS employee as Callbridge last read it from {@code get.employees}.
 *
 * @param accountId the telephony account
 * @param id UIS's employee id (the agent's extension on a UIS account)
 * @param fullName the employee's full name
 * @param extension the employee's short internal number
 * ({@code extension.extension_phone_number}), if any
 * @param phoneNumbers the employee's active phone numbers, in dialling order
 * @param status UIS's status of the employee ({@code available}, {@code break}…), if
 * known
 */
public record UisEmployee(long accountId, String id, String fullName, @Nullable String extension,
		List<String> phoneNumbers, @Nullable String status) {

	public UisEmployee {
		phoneNumbers = List.copyOf(phoneNumbers);
	}

}

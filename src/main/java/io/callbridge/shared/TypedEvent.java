package io.callbridge.shared;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.core.ResolvableType;

/**
 * An object published as an application event whose generic type is worked out once per
 * class of object, for the paths that publish an event per call (event ingestion, a page
 * of call history). Spring wraps a published object in a {@link PayloadApplicationEvent},
 * whose type ({@code PayloadApplicationEvent<CallEnded>}) it builds afresh each time a
 * listener is matched and again when it is invoked: about a third of the cost of
 * publishing a history call's facts (JFR, 2026-12-07). Listeners see no difference: they
 * receive the object as with {@link ApplicationEventPublisher#publishEvent(Object)}.
 *
 * @param <T> the type of the object
 */
public final class TypedEvent<T> extends PayloadApplicationEvent<T> {

	// Kept with each class (a ClassValue is read without a lock or a hash lookup); the
	// type refers only to its class and this one.
	private static final ClassValue<ResolvableType> TYPES = new ClassValue<>() {
		@Override
		protected ResolvableType computeValue(Class<?> type) {
			return ResolvableType.forClassWithGenerics(TypedEvent.class, type);
		}
	};

	private TypedEvent(Object source, T payload) {
		super(source, payload, type(payload.getClass()).getGeneric());
	}

	/**
	 * Publishes an object as {@link ApplicationEventPublisher#publishEvent(Object)}
	 * would.
	 * @param publisher the publisher (the event's source)
	 * @param event the object
	 */
	public static void publish(ApplicationEventPublisher publisher, Object event) {
		publisher.publishEvent(new TypedEvent<>(publisher, event));
	}

	@Override
	public ResolvableType getResolvableType() {
		return type(getPayload().getClass());
	}

	private static ResolvableType type(Class<?> payloadClass) {
		return TYPES.get(payloadClass);
	}

}

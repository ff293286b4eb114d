package io.callbridge.shared;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.core.ResolvableType;

import static org.assertj.core.api.Assertions.assertThat;

class TypedEventTest {

	record Rang(long callId) {
	}

	record Ended(long callId) {
	}

	/** Listens the ways the modules do: by the object's type, and by Spring's wrapper. */
	static class Listeners implements ApplicationListener<PayloadApplicationEvent<Ended>> {

		final List<Object> heard = new ArrayList<>();

		@EventListener
		void on(Rang rang) {
			this.heard.add("rang " + rang.callId());
		}

		@EventListener
		void on(Ended ended) {
			this.heard.add("ended " + ended.callId());
		}

		@Override
		public void onApplicationEvent(PayloadApplicationEvent<Ended> event) {
			this.heard.add("wrapped ended " + event.getPayload().callId());
		}

	}

	@Test
	void listenersHearTheObjectAsIfPublishedPlainly() {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(Listeners.class)) {
			Listeners listeners = context.getBean(Listeners.class);

			TypedEvent.publish(context, new Rang(1));
			TypedEvent.publish(context, new Ended(2));
			context.publishEvent(new Ended(3));

			assertThat(listeners.heard).containsExactlyInAnyOrder("rang 1", "ended 2", "wrapped ended 2", "ended 3",
					"wrapped ended 3");
		}
	}

	@Test
	void theTypeIsTheWrapperOfTheObjectsClassAndWorkedOutOnce() {
		List<ResolvableType> types = new ArrayList<>();
		ApplicationListener<PayloadApplicationEvent<?>> recorder = (event) -> types.add(event.getResolvableType());
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
			context.addApplicationListener(recorder);
			context.refresh();

			TypedEvent.publish(context, new Ended(1));
			TypedEvent.publish(context, new Ended(2));
			TypedEvent.publish(context, new Rang(3));
		}

		assertThat(types).hasSize(3);
		assertThat(types.get(0)).isSameAs(types.get(1));
		assertThat(types.get(0).as(PayloadApplicationEvent.class).getGeneric().toClass()).isEqualTo(Ended.class);
		assertThat(types.get(2).as(PayloadApplicationEvent.class).getGeneric().toClass()).isEqualTo(Rang.class);
	}

}

package org.socemu.core.time;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.socemu.core.irq.IrqLine;

class SchedulerTest {
    @Test
    void eventsFireInDeadlineOrderAndTiesInSchedulingOrder() {
        Scheduler s = new Scheduler();
        List<String> fired = new ArrayList<>();
        for (String n : List.of("c", "a", "b")) s.schedule(Event.of(n, t -> fired.add(n + "@" + t)), n.equals("c") ? 300 : 100);
        Event d = Event.of("d", t -> fired.add("d"));
        s.schedule(d, 50);
        s.cancel(d);
        assertEquals(Scheduler.Stop.DEADLOCK, s.run(Long.MAX_VALUE));
        assertEquals(List.of("a@100", "b@100", "c@300"), fired);
    }

    @Test
    void reschedulingMovesAnEventInsteadOfDuplicatingIt() {
        Scheduler s = new Scheduler();
        List<Long> fired = new ArrayList<>();
        Event e = Event.of("t", fired::add);
        s.schedule(e, 1000);
        s.schedule(e, 500);
        s.run(Long.MAX_VALUE);
        assertEquals(List.of(500L), fired);
    }

    @Test
    void coresRunRoundRobinInQuantaAndTimeAdvancesWithTheirInstructions() {
        Scheduler s = new Scheduler();
        FakeCpu a = new FakeCpu("a", 1_000_000_000L), b = new FakeCpu("b", 500_000_000L);
        s.addCpu(a);
        s.addCpu(b);
        s.setQuantum(Clock.PS_PER_US);
        assertEquals(Scheduler.Stop.LIMIT, s.run(10 * Clock.PS_PER_US));
        assertEquals(10_000, a.retired(), "1 GHz for 10 us");
        assertEquals(5_000, b.retired(), "500 MHz for 10 us");
        assertEquals(10 * Clock.PS_PER_US, s.now());
        assertTrue(a.exclusiveClears > 0, "switching cores clears exclusive monitors");
    }

    @Test
    void allCoresWaitingSkipsTimeToTheNextEvent() {
        Scheduler s = new Scheduler();
        FakeCpu a = new FakeCpu("a", 1_000_000_000L);
        s.addCpu(a);
        a.waitAfter = 100; // executes WFI after 100 instructions
        Event wake = Event.of("timer", t -> a.input("irq").raise());
        s.schedule(wake, Clock.PS_PER_S);
        assertEquals(Scheduler.Stop.LIMIT, s.run(Clock.PS_PER_S + Clock.PS_PER_US));
        assertEquals(100 + 1000, a.retired(), "100 before WFI, none while idle, 1 us after the wake-up");
        assertTrue(s.rounds() < 100, "idle time was skipped, not stepped through: " + s.rounds());
    }

    @Test
    void deviceTimeReadMidSliceIsExactToTheInstruction() {
        Scheduler s = new Scheduler();
        FakeCpu a = new FakeCpu("a", 1_000_000_000L);
        s.addCpu(a);
        List<Long> seen = new ArrayList<>();
        a.onInstruction = n -> { if (n == 1234) seen.add(s.now()); };
        s.run(10 * Clock.PS_PER_US);
        assertEquals(List.of(1234L * 1000), seen);
    }

    @Test
    void anEventScheduledMidSliceEndsTheSliceWhereItIsDue() {
        Scheduler s = new Scheduler();
        s.setQuantum(100 * Clock.PS_PER_US);
        FakeCpu a = new FakeCpu("a", 1_000_000_000L);
        s.addCpu(a);
        List<Long> fired = new ArrayList<>();
        Event e = Event.of("dev", fired::add);
        a.onInstruction = n -> { if (n == 10) s.schedule(e, s.now() + 2 * Clock.PS_PER_US); };
        s.run(200 * Clock.PS_PER_US);
        assertEquals(1, fired.size());
        assertTrue(fired.get(0) - 12 * Clock.PS_PER_NS * 1000 < Clock.PS_PER_US / 10,
                "fired near its deadline, not at the end of a 100 us quantum: " + fired.get(0));
    }

    @Test
    void aStopMidSliceStillAdvancesTimeByWhatTheCoreExecuted() {
        Scheduler s = new Scheduler();
        s.setQuantum(100 * Clock.PS_PER_US);
        FakeCpu a = new FakeCpu("a", 1_000_000_000L);
        s.addCpu(a);
        a.onInstruction = n -> { if (n % 1000 == 0) s.requestStop(); };
        for (int i = 0; i < 5; i++) assertEquals(Scheduler.Stop.REQUESTED, s.run(Long.MAX_VALUE));
        assertEquals(5000, a.retired());
        assertEquals(5 * Clock.PS_PER_US, s.now(), "1000 instructions at 1 GHz per run");
    }

    @Test
    void twoRunsOfTheSameMachineAreIdentical() {
        assertEquals(trace(), trace());
    }

    private static List<String> trace() {
        Scheduler s = new Scheduler();
        s.setQuantum(3 * Clock.PS_PER_US);
        FakeCpu a = new FakeCpu("a", 996_000_000L), b = new FakeCpu("b", 200_000_000L);
        s.addCpu(a);
        s.addCpu(b);
        List<String> out = new ArrayList<>();
        Event tick = new Event("tick") {
            @Override protected void fire(long now) {
                out.add(now + ":" + a.retired() + ":" + b.retired());
                s.schedule(this, now + 7_777_777);
            }
        };
        s.schedule(tick, 1);
        a.onInstruction = n -> { if (n % 5000 == 0) out.add("a" + s.now()); };
        s.run(Clock.PS_PER_MS);
        return out;
    }

    @Test
    void postedTasksRunOnTheEmulationThreadBetweenSlices() throws Exception {
        Scheduler s = new Scheduler();
        FakeCpu a = new FakeCpu("a", 1_000_000L);
        a.waitAfter = 0;
        s.addCpu(a);
        s.setWaitForInput(true);
        Thread t = new Thread(() -> s.post(s::requestStop));
        t.start();
        assertEquals(Scheduler.Stop.REQUESTED, s.run(Long.MAX_VALUE));
        t.join();
    }

    @Test
    void irqLinesTellListenersOnlyOfChanges() {
        List<Boolean> seen = new ArrayList<>();
        IrqLine l = new IrqLine("x", seen::add);
        l.set(false);
        l.raise();
        l.raise();
        l.lower();
        l.pulse();
        assertEquals(List.of(true, false, true, false), seen);
        IrqLine target = new IrqLine("t");
        l.raise();
        l.connectTo(target);
        assertTrue(target.isHigh(), "a wire connected while high drives its target high");
    }

    @Test
    void frequencyConversionIsExact() {
        Frequency f = new Frequency(8_000_000);
        assertEquals(8, f.ticksAt(Clock.PS_PER_US));
        assertEquals(125_000, f.timeOfTick(1));
        Frequency odd = new Frequency(996_000_000);
        for (long t : new long[] {0, 1, 999, 996_000_000, 123_456_789_012L}) {
            long at = odd.timeOfTick(t);
            assertEquals(t, odd.ticksAt(at));
            if (at > 0) assertEquals(t - 1, odd.ticksAt(at - 1));
        }
        Frequency weird = new Frequency(32_768);
        assertEquals(32_768, weird.ticksAt(Clock.PS_PER_S));
        assertEquals(32_768L * 3600 * 24, weird.ticksAt(Clock.PS_PER_S * 3600 * 24));
    }
}

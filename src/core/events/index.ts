export { EventBus, type EventHandler, type GyreEvent } from './event-bus.js';

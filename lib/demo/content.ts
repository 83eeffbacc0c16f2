// Vocabulary for the generated demo: written for Earshot, not taken from any data set.
export const FIRST_NAMES = [
  "Ava",
  "Noah",
  "Mia",
  "Liam",
  "Zoe",
  "Ethan",
  "Lena",
  "Omar",
  "Priya",
  "Diego",
  "Hana",
  "Felix",
  "Nora",
  "Kofi",
  "Ines",
  "Tariq",
  "Maya",
  "Lucas",
  "Sofia",
  "Jonas",
  "Aisha",
  "Mateo",
  "Elif",
  "Ravi",
];
export const LAST_NAMES = [
  "Okafor",
  "Lindqvist",
  "Moreau",
  "Tanaka",
  "Silva",
  "Novak",
  "Haddad",
  "Kowalski",
  "Brennan",
  "Ivanova",
  "Nakamura",
  "Schmidt",
  "Quinn",
  "Mendes",
  "Park",
  "Rossi",
  "Adeyemi",
  "Fischer",
  "Lopez",
  "Chen",
];
export const COMPANIES = ["Globex", "Initech", "Umbrella Travel", "Hooli", "Stark Logistics", "Wayne Events"];
export const CITIES = ["Lisbon", "Chicago", "Berlin", "Osaka", "Toronto", "Nairobi", "Madrid", "Denver"];

export const COMPLAINTS = [
  "{brand} lost my bag again, third time this year. Still no update from the desk.",
  "Flight delayed 4 hours and nobody from {brand} at the gate will tell us anything.",
  "On hold with {brand} for 2 hours now. Is anyone actually working today?",
  "{brand} cancelled my flight and the app just says 'try again later'. Great.",
  "Still waiting for my refund from {brand}, 6 weeks and counting.",
  "Seat I paid extra for was given away. Thanks {brand}, really.",
  "The {brand} app crashes every time I try to check in.",
  "Missed my connection because of {brand}, rebooked on a flight tomorrow night. Unacceptable.",
];
export const QUESTIONS = [
  "Does anyone know if {brand} lets you change a basic fare online?",
  "@{handle} how do I add my loyalty number to a booking I already made?",
  "Can I bring a guitar as carry-on on {brand}?",
  "What is the baggage allowance on {brand} flights to Lisbon?",
  "Is the {brand} lounge in terminal 2 open this late?",
  "How long does a {brand} refund usually take to show up?",
];
export const PRAISE = [
  "Huge thanks to the {brand} crew on this morning's flight, they were amazing with my kids.",
  "{brand} rebooked me in 5 minutes flat. That's how it's done.",
  "Smoothest boarding I've had in years. Well done {brand}!",
  "The {brand} team found my lost jacket and mailed it home. Brilliant service.",
];
export const NEUTRAL = [
  "Flying {brand} to Denver tomorrow, first time with them.",
  "{brand} announced new routes to Osaka for the spring schedule.",
  "Comparing {brand} and {competitor} for a trip in March, any opinions?",
  "Boarding now. {brand} flight on time so far.",
];
// Also the demo macros' bodies: placeholders in the macro syntax ({{author.name}}, see lib/cases/macros.ts).
export const AGENT_REPLIES = [
  "Hi {{author.name}}, we're sorry about this. Could you send us a DM with your booking reference so we can look into it?",
  "Thanks for reaching out, {{author.name}}. I've escalated this to our baggage team and will update you within 24 hours.",
  "Hi {{author.name}}, your refund was processed today; it can take 5-7 business days to appear.",
  "Thank you for the kind words, {{author.name}}! We'll pass them on to the crew.",
];
export const INTERNAL_NOTES = [
  "Customer is a frequent flyer, handle with care.",
  "Checked the booking: flight was delayed by ATC, compensation not applicable.",
  "Waiting on the baggage team for a tracing update.",
];

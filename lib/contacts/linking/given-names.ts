// Given-name equivalents, diminutives and transliterations, and family-name romanisation
// variants. Pure data plus lookups.
//
// Source: built by hand for Earshot from common knowledge of naming conventions (English,
// Spanish, Portuguese, Italian, French, German, Dutch, Scandinavian, Russian, Ukrainian,
// Polish, Czech, Serbian/Croatian, Greek, Arabic, Turkish, Japanese, Korean and Chinese
// romanisations). It was NOT copied from any dataset (in particular not from
// carltonnorthern/nicknames), so it carries no third-party licence. Extend it freely; the
// unit tests in given-names.test.ts pin the behaviour the linker relies on.
//
// Each line of GROUPS is one name in one tradition with its diminutives and spellings (all
// written in Latin letters as foldToLatin() produces them, lowercase, no accents). Two names
// in the same group are the same given name. COGNATES joins groups that are the same name in
// different languages (John / Juan / Ivan / Giovanni): a weaker equivalence, for ranking.
// A spelling may sit in several groups ("alex", "sasha", "chris", "toni").

const GROUPS: string[] = [
  // English
  "robert rob robbie bob bobby bert",
  "william will willie willy bill billy liam wil",
  "richard rick ricky dick rich richie",
  "james jim jimmy jamie jem",
  "john jon johnny jack jackie johnnie",
  "jonathan jon jonny jonno",
  "elizabeth liz lizzie lizzy beth betty bess eliza lisa libby betsy liza elspeth",
  "margaret maggie meg peggy marge margie madge rita greta",
  "katherine catherine kathryn katharine kate katie kathy cathy kat kay kitty",
  "christopher chris kit topher",
  "christine christina chris chrissy tina kristina kristin",
  "christian chris",
  "michael mike mikey mick mickey",
  "thomas tom tommy",
  "edward ed eddie ted teddy ned",
  "theodore theo ted teddy",
  "anthony tony ant",
  "alexander alex alec xander sandy",
  "alexandra alex sandra sandy lexi alexa",
  "andrew andy drew",
  "daniel dan danny",
  "david dave davey davy",
  "matthew matt matty",
  "nicholas nick nicky",
  "patrick pat paddy",
  "peter pete",
  "joseph joe joey jo",
  "samuel sam sammy",
  "benjamin ben benny benji",
  "charles charlie chuck chas",
  "henry harry hank hal",
  "frederick fred freddie freddy",
  "francis frank frankie",
  "gerald gerry jerry",
  "jeffrey jeff geoffrey geoff",
  "timothy tim timmy",
  "stephen steven steve stevie",
  "gregory greg",
  "kenneth ken kenny",
  "lawrence laurence larry",
  "leonard leo len lenny",
  "nathaniel nathan nate nat",
  "zachary zach zack",
  "jennifer jen jenny jenn",
  "jessica jess jessie",
  "rebecca becky becca",
  "susan sue susie suzanne",
  "deborah debbie deb debra",
  "patricia pat patty trish tricia",
  "barbara barb babs",
  "dorothy dot dottie dolly",
  "victoria vicky tori vic",
  "abigail abby abbie",
  "amanda mandy",
  "samantha sam sammy",
  "pamela pam",
  "kimberly kim",
  "melissa mel missy",
  "judith judy jude",
  "eleanor ellie nell nora elle",
  "helen nell",
  "ann anne anna annie nan nancy",
  "mary molly polly mae",
  "sarah sara sally sadie",
  "caroline carol carrie",
  "josephine jo josie",
  "jacqueline jackie",
  "virginia ginny",
  "gabrielle gabby gabi",
  "frances fran frankie",
  "isabel isabella isabelle bella izzy isa",
  "emily em emmy",
  "amelia amy millie",
  "madeline madeleine maddie",
  "natalie nat",
  "olivia liv livvy",
  "jacob jake",
  "joshua josh",
  "raymond ray",
  "ronald ron ronnie",
  "donald don donnie",
  "douglas doug",
  "albert al bert bertie",
  "alfred alf alfie",
  "walter walt wally",
  "eugene gene",
  "harold harry hal",
  "ernest ernie",
  "terence terry",
  "philip phil pip",
  "maximilian max maxi",
  "maxwell max",
  "oliver ollie",
  "archibald archie",
  "julia jules julie",
  "julius jules",
  "sean shaun shawn",
  "ian iain",
  "jane janey",
  "joan joanie",
  "george georgie",
  "paul paulie",
  "jillian jill gillian",
  "cynthia cindy",
  "lucinda lucy cindy",
  "lucy lucia",
  "adam",
  "angela angie",
  // Spanish
  "jose pepe pepito chepe",
  "francisco paco pancho curro quico kiko fran",
  "ignacio nacho",
  "manuel manolo manu",
  "guadalupe lupe lupita",
  "jesus chuy",
  "enrique quique",
  "antonio toni tono",
  "roberto beto",
  "alberto beto",
  "alejandro alex jandro",
  "alejandra",
  "fernando nando fer",
  "eduardo lalo edu",
  "guillermo memo guille",
  "rafael rafa",
  "santiago santi",
  "sebastian seba sebas",
  "gonzalo gonza",
  "dolores lola",
  "concepcion concha conchita",
  "rosario charo",
  "mercedes merche",
  "josefa pepa",
  "maria mari",
  "ximena jimena mena",
  "joaquin quino",
  "juan juanito",
  "isabel isa chabela",
  "luis lucho",
  "carlos carlitos",
  "pedro perico",
  "ramon moncho",
  "lucia",
  "juana juanita",
  "miguel miguelito",
  "jorge",
  "jaime",
  "tomas",
  // Portuguese
  "joao joaozinho",
  "francisco chico xico",
  "antonio tonho",
  "jose ze zeca",
  "margarida",
  "goncalo",
  "tiago",
  "ines",
  "beatriz bia bea",
  // Italian
  "giuseppe beppe peppe pino peppino",
  "giovanni gianni nanni vanni",
  "francesco franco checco cesco",
  "luigi gigi",
  "alessandro sandro ale",
  "salvatore toto salvo",
  "vincenzo enzo",
  "domenico mimmo",
  "giacomo",
  "valentina vale",
  "alessandra ale sandra",
  "federico fede",
  "lorenzo enzo",
  "giovanna gianna",
  "michele",
  "pietro",
  "giorgio",
  // French
  "jean jeannot",
  "francois",
  "guillaume",
  "emilie",
  "camille",
  "nathalie",
  "isabelle isa",
  "frederic fred",
  "christophe chris",
  "jeanne jeannette",
  "michel",
  "pierre",
  // German, Dutch, Scandinavian
  "johannes hans hannes johann jo",
  "friedrich fritz fred",
  "josef sepp seppl",
  "wolfgang wolf",
  "heinrich heinz",
  "katharina kathi kati",
  "margarete grete greta gretchen",
  "elisabeth lisa liesl sissi elsbeth",
  "christian chris",
  "jurgen juergen jorgen",
  "sebastian basti",
  "matthias mattes",
  "tobias tobi",
  "nikolaus klaus niklas",
  "pieter piet",
  "willem wim",
  "johan jan",
  "cornelis kees",
  "henrik henke",
  "johanna hanne",
  // Russian, Ukrainian, Belarusian (with common transliterations)
  "alexander aleksandr aleksander alexandr sasha sashka shura",
  "alexandra aleksandra sasha shura",
  "nikolai nikolay nikolaj kolya kolia",
  "dmitry dmitri dmitriy dmitrij dima",
  "mikhail misha michail",
  "ekaterina yekaterina katerina katya katia katja",
  "anastasia anastasiya nastya nastia",
  "elena yelena jelena lena alyona",
  "ivan vanya vania",
  "sergei sergey sergej serezha seryozha",
  "vladimir volodya vova",
  "konstantin kostya",
  "anatoly anatoliy anatolii tolya",
  "alexei aleksei alexey aleksey alyosha lyosha",
  "svetlana sveta",
  "evgeny yevgeny evgeniy yevgeniy zhenya",
  "evgenia yevgenia zhenya",
  "pavel pasha",
  "yulia yuliya iuliia yuliia julija",
  "yuri yury yuriy iurii jurij juri yurii",
  "tatiana tatyana tanya",
  "natalia natalya natasha",
  "olga olya",
  "maria mariya masha",
  "irina ira",
  "andrei andrey andrej",
  "petr pyotr petya",
  "boris borya",
  "grigory grigoriy grisha",
  "viktor vitya",
  "oleksandr sasha",
  "oleksiy oleksii",
  "mykola",
  "andriy andrii",
  "volodymyr volodya",
  "dmytro dima",
  "yevhen",
  "kateryna katya",
  "mikhail",
  "ludmila lyudmila lyuda",
  "galina galya",
  "valentina valya",
  "margarita rita",
  "anna anya",
  "sofia sofiya sonya",
  "daria darya dasha",
  "ksenia kseniya oksana",
  "maxim maksim max",
  "denis",
  "roman roma",
  "artem artyom tyoma",
  "vasily vasiliy vasilii vasya",
  "leonid lyonya",
  "stanislav stas",
  "vyacheslav slava",
  "yaroslav slava",
  "mstislav slava",
  "semyon semen syoma",
  // Polish, Czech, Slovak, Serbian, Croatian, Slovene
  "tomasz tomek",
  "wojciech wojtek",
  "lukasz",
  "malgorzata gosia",
  "katarzyna kasia",
  "aleksandra ola",
  "magdalena magda",
  "agnieszka aga",
  "krzysztof krzys",
  "grzegorz grzes",
  "mateusz mati",
  "jakub kuba",
  "piotr piotrek",
  "pawel",
  "michal",
  "jozef",
  "stanislaw stas",
  "jerzy jurek",
  "jiri jirka",
  "frantisek franta",
  "jan honza",
  "djordje dorde jorde",
  "aleksandar aca",
  "jovan",
  "milos",
  "marko",
  "ana",
  "ivana",
  // Greek
  "ioannis yannis giannis yiannis",
  "georgios giorgos yiorgos",
  "konstantinos kostas kostis dinos",
  "dimitrios dimitris mitsos",
  "panagiotis panos takis",
  "nikolaos nikos",
  "christos",
  "vasileios vasilis vassilis",
  "athanasios thanasis",
  "evangelos vangelis",
  "eleni",
  "aikaterini katerina",
  // Arabic, Turkish, Persian
  "muhammad mohammed mohammad mohamed muhammed mohamad mohammad mohamad muhamad hamoudi",
  "ahmed ahmad",
  "mustafa mostafa moustafa",
  "abdullah abdallah",
  "youssef yusuf yousef yousif yussef",
  "ibrahim ebrahim",
  "hussein husain hussain hossein husein",
  "hassan hasan",
  "omar umar",
  "khalid khaled",
  "fatima fatma fatemeh fatimah",
  "aisha aysha ayesha aicha aishah",
  "mariam maryam meryem",
  "zainab zaynab zeynep",
  "mehmet",
  "ali",
  "karim kareem",
  "nour noor nur",
  "layla leila laila leyla",
  "yasmin yasmine jasmine yasmina",
  // Japanese, Korean, Chinese given names that are romanised several ways
  "yuki yuuki",
  "yuko yuuko",
  "ryo ryou",
  "shota shouta",
  "kyoko kyouko",
  "yosuke yousuke",
  "kota kouta",
  "shohei shouhei",
  "junichi junichiro",
  "jihoon jihun",
  "seohyun seohyeon",
];

// Groups that are the same name in different languages, named by one member of each.
const COGNATES: string[] = [
  "john johannes juan joao giovanni jean ivan ian sean jan ioannis jovan johan",
  "jane joan juana giovanna jeanne johanna",
  "joseph jose giuseppe josef jozef youssef",
  "alexander alejandro alessandro oleksandr aleksandar",
  "alexandra alejandra alessandra",
  "michael miguel michele michel mikhail michal",
  "peter pedro pietro pierre pieter piotr petr",
  "nicholas nikolai nikolaos nikolaus mykola",
  "george jorge giorgio georgios djordje jerzy jiri",
  "james jaime giacomo",
  "william guillermo guillaume willem",
  "robert roberto",
  "richard",
  "henry enrique heinrich henrik",
  "charles carlos",
  "francis francisco francesco francois frantisek",
  "anthony antonio",
  "thomas tomasz tomas",
  "stephen",
  "paul pavel pawel",
  "mary maria mariam",
  "elizabeth elisabeth isabel",
  "katherine ekaterina katarzyna katharina aikaterini kateryna",
  "margaret margarete margarida margarita",
  "helen elena eleni",
  "ann anna ana",
  "julia yulia",
  "natalie natalia nathalie",
  "sofia",
  "dmitry dimitrios dmytro",
  "konstantinos konstantin",
  "vasily vasileios",
  "gregory grigory grzegorz",
  "andrew andrei andriy",
  "eugene evgeny yevhen",
  "matthew mateusz",
  "lukasz",
  "frederick federico frederic friedrich",
  "alexei oleksiy",
  "vladimir volodymyr",
  "ibrahim",
  "muhammad mehmet",
  "yuri",
  "jacob jakub",
  "christopher christophe",
  "christian christos",
];

const groups: string[][] = GROUPS.map((line) => line.split(" ").filter(Boolean));
const groupsOfName = new Map<string, number[]>();
groups.forEach((members, index) => {
  for (const name of members) groupsOfName.set(name, [...(groupsOfName.get(name) ?? []), index]);
});
// The cognate family of each group: the index of the family, by the group heads it names.
const familyOfGroup = new Map<number, number>();
COGNATES.forEach((line, family) => {
  for (const head of line.split(" ").filter(Boolean))
    for (const g of groupsOfName.get(head) ?? [])
      if (groups[g][0] === head && !familyOfGroup.has(g)) familyOfGroup.set(g, family);
});

/** Whether the name appears in the table (so it is, first of all, somebody's given name). */
export function isKnownGivenName(name: string): boolean {
  return groupsOfName.has(name) || EXTRA_GIVEN_NAMES.has(name);
}

/** "same" for one group (Bob / Robert), "cognate" across languages (Ivan / John), or null. */
export function givenNameRelation(a: string, b: string): "same" | "cognate" | null {
  if (a === b) return "same";
  const ga = groupsOfName.get(a);
  const gb = groupsOfName.get(b);
  if (!ga || !gb) return null;
  if (ga.some((g) => gb.includes(g))) return "same";
  const fa = new Set(ga.map((g) => familyOfGroup.get(g) ?? -1).filter((f) => f >= 0));
  return gb.some((g) => fa.has(familyOfGroup.get(g) ?? -2)) ? "cognate" : null;
}

/**
 * The forms a given name is looked up by: the head of each cognate family (or group) it
 * belongs to, so Bob, Robert and Roberto share "robert", and Kolya and Nikolai share "nicholas".
 */
export function canonicalGivenNames(name: string): string[] {
  const gs = groupsOfName.get(name);
  if (!gs) return [];
  return [
    ...new Set(
      gs.map((g) => {
        const family = familyOfGroup.get(g);
        return family === undefined ? groups[g][0] : COGNATES[family].split(" ")[0];
      }),
    ),
  ];
}

// Family names romanised several ways (Korean, Chinese Wade–Giles / pinyin / Cantonese,
// Japanese long vowels handled by spellingKey). First member is the canonical form.
const SURNAME_VARIANTS: string[] = [
  "lee li yi rhee ri",
  "park bak pak",
  "kim gim",
  "choi choe",
  "jung jeong chung",
  "kang gang",
  "cho jo",
  "yoon yun",
  "jang",
  "lim im rim",
  "shin sin",
  "seo suh",
  "kwon gwon",
  "ahn an",
  "yoo yu ryu",
  "hwang",
  "oh o",
  "zhang chang cheung",
  "chen chan",
  "wang wong",
  "liu lau",
  "huang wong hwang",
  "zhou chou chow",
  "xu hsu hui",
  "zhao chao chiu",
  "zhu chu",
  "guo kuo kwok",
  "lin lam",
  "he ho",
  "gao kao ko",
  "luo lo law",
  "zheng cheng",
  "wu ng",
  "xie hsieh tse",
  "cai tsai choi",
];
const surnameGroups = new Map<string, number[]>();
SURNAME_VARIANTS.forEach((line, index) => {
  for (const name of line.split(" ")) surnameGroups.set(name, [...(surnameGroups.get(name) ?? []), index]);
});

/** Whether two family names are romanisations of the same name (Park / Bak, Zhang / Chang). */
export function sameSurnameVariant(a: string, b: string): boolean {
  if (a === b) return true;
  const ga = surnameGroups.get(a);
  const gb = surnameGroups.get(b);
  return !!ga && !!gb && ga.some((g) => gb.includes(g));
}

/** The canonical romanisation of a family name, if it has several. */
export function canonicalSurnames(name: string): string[] {
  return [...new Set((surnameGroups.get(name) ?? []).map((g) => SURNAME_VARIANTS[g].split(" ")[0]))];
}

// Common given names with no variant worth listing above, so that "Luca Rossi" or "Kari
// Nordmann" is recognised as a person's name (see presentsAnotherPerson in name-match.ts).
const EXTRA_GIVEN_NAMES = new Set(
  `
aaron abdul adrian agnes aidan aiden akira alan alba alberto aleksi alice alicia alina alma amara amber amelie amir amit ana andrea andreas
angel angelo anita anja anke annika antoine anton ariana arjun arne arthur arturo asha astrid aurora ava ayumi barry beatrice ben bernard bianca
bilal bjorn blanca bogdan bongani brenda brian bruno bryan caitlin calvin camila candice carla carmen carolina cecilia celia cesar chantal chiara
chidi chinedu chloe cillian claire clara claudia colin connor dana dario darius dean diana diego dmitri dominik dora duncan dylan edgar edith
eduard elena elias elif eliza ellen elsa emeka emil emilia emma enzo eric erik erika esi esther ethan eva evan ewa fabian fabio farah farid
faisal felix fernanda filip finn fiona florian franziska gabriel gareth gavin gemma gerard gianluca gina gisela giulia gloria gordon grace
gustav gustavo hamid hana hannah harriet haruto hector heidi helga hiroshi hiro hugo ida ignacio igor ilse imran ines ingrid irene iris isaac
ivo jack jade jakob jamal jana janet janine jasmin jason javier jens jeremy jesper joan joanna jodie joel jonas jordan jorge josh joy juan
julian julien justin kai kamal kara karen kari karin karl kasper katja keiko kenji kevin khadija kiran kirsten kofi kwame kwabena lara lars
laura leah lena leon leonie liam lila lily linda lindsay lisa lorena louis louise luca lucas luciana lucia ludwig luis lukas luna magnus
malik manon marc marcel marco marcus marek maria marie marina mario marion marius mark marta martin marzia mateo mathilde matteo matilde maya
meera megan mei melanie mia miguel mikael mila milan milena minh miriam moana mohan monica monika morgan moritz nadia nadine naomi nasser
neil nia nico nicola nina noah noel nora noura olamide olusegun omari oscar oskar otto owen pablo paola patricia paula paulo pedro per petra
philippe pierre pilar pooja priscilla priya rachel rafal rahul raj rajesh ravi rebecca reza rhys ricardo rita robin rodrigo rohan rosa
rosie ruben rukhsana rumen ruth ryan sabine sabrina sakura salma samir sandra sanjay santiago sara sarah sasha scott sean selin sergio shira
signe silvia simon simone siobhan sipho sofia sonia sophie soren stefan stefanie stella sunita susanne sven svetlana tamara tanja tara tariq
teresa thabo thandiwe theo thiago thomas tiago tim tobi tobias tom tomas tunde ulrich ursula valentin valeria vanessa vera veronica vicente
victor viktoria vincent viola wei wendy xavier yasmin yara yolanda yuki yusuf zara zoe zofia
`
    .split(/\s+/)
    .filter(Boolean),
);

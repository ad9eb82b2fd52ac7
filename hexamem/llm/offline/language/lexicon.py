"""Closed word classes of everyday English the rules lean on: kin, partners, pets, jobs, diets.

These are lists of the language, not of any conversation: "sister" is a kin
word wherever it appears. Words are lower case; multi-word entries are matched
as phrases.
"""

from __future__ import annotations


def words(text: str) -> frozenset[str]:
    return frozenset(text.split())


PARTNERS = words(
    "wife husband partner boyfriend girlfriend fiance fiancé fiancee fiancée spouse bf gf "
    "girl guy man boo hubby wifey"
)
"""Words for a partner; "girl"/"guy"/"man" only after a possessive ("Ben's girl Lou")."""

KIN = words(
    "sister brother mum mom mother mam mummy mommy dad father daddy papa son daughter "
    "grandson granddaughter grandma grandmother granny nan nana grandpa grandfather grandad "
    "cousin aunt auntie uncle niece nephew sibling stepmum stepmom stepdad stepson "
    "stepdaughter kid child baby twin"
)
FRIENDS = words(
    "friend mate buddy pal neighbour neighbor flatmate roommate housemate colleague coworker "
    "boss manager landlord landlady teacher doctor dentist therapist bandmate classmate "
    "bestie bff"
)
PETS = words(
    "dog cat puppy kitten pup parrot rabbit bunny hamster guinea tortoise turtle horse pony "
    "goldfish fish budgie snake lizard ferret chicken hen spaniel labrador retriever poodle "
    "terrier collie beagle dachshund pug husky greyhound whippet corgi bulldog schnauzer "
    "sheepdog tabby moggy"
)
DOGS = words(
    "puppy pup spaniel labrador retriever poodle terrier collie beagle dachshund pug husky "
    "greyhound whippet corgi bulldog schnauzer sheepdog"
)
CATS = words("kitten tabby moggy")


def species(pet: str) -> str:
    """The kind of animal a pet word names: a spaniel is a dog, a kitten a cat."""
    return "dog" if pet in DOGS else "cat" if pet in CATS else pet


OCCUPATIONS = words(
    "accountant actor actress administrator analyst anthropologist architect archivist artist "
    "astronomer attorney baker banker barber barista bartender biologist bookkeeper "
    "builder butcher buyer captain carer caretaker carpenter cashier chef chemist "
    "cleaner clerk coach composer consultant cook copywriter counsellor counselor courier "
    "curator dancer dentist designer detective developer dietitian director doctor driver "
    "economist editor electrician engineer entrepreneur farmer firefighter fisherman "
    "florist gardener geologist graphic hairdresser historian illustrator instructor "
    "interpreter janitor journalist judge lawyer lecturer librarian lifeguard linguist "
    "machinist manager marketer mathematician mechanic midwife miner model musician "
    "nanny navigator negotiator neurologist novelist nurse nutritionist officer optician "
    "paramedic paralegal pharmacist philosopher photographer physician physicist physio "
    "physiotherapist pilot plumber poet politician postman producer professor programmer "
    "psychiatrist psychologist publisher radiographer receptionist recruiter reporter "
    "researcher retailer sailor salesman saleswoman scientist secretary singer "
    "sociologist soldier solicitor statistician student supervisor surgeon surveyor "
    "tailor teacher technician therapist trainer translator tutor vet veterinarian "
    "waiter waitress welder writer zoologist paediatrician pediatrician dj "
    "drummer guitarist bassist pianist violinist cellist vocalist"
)
"""Head nouns of jobs; the words before them complete the title ("marine biologist")."""

JOB_MODIFIERS = words(
    "senior junior lead head chief staff principal retired freelance freelancer part-time "
    "full-time trainee apprentice assistant associate self-employed"
)

DIETS = words(
    "vegan vegetarian pescatarian pescetarian keto paleo flexitarian carnivore omnivore "
    "gluten-free dairy-free halal kosher"
)

HOMES = words("flat house apartment place home cottage bungalow studio condo loft")
"""Where someone lives, as in 'our flat in Clapham'."""

ORGANISATIONS = words(
    "labs lab ltd inc llc plc gmbh group hospital clinic surgery university college school "
    "academy bank systems solutions technologies tech energy partners studios agency council "
    "corp corporation company consulting capital ventures foundation institute trust "
    "industries logistics media health pharma insurance"
)
"""Last words that make a name an organisation: 'Kinetic Labs', 'Leeds General Hospital'."""

VEHICLES = words(
    "car truck pickup van suv hatchback sedan saloon estate motorbike motorcycle scooter "
    "bike bicycle moped camper campervan jeep"
)

SMALL_TALK = words(
    "hi hey hello hiya yo howdy morning evening afternoon night goodnight bye goodbye cheers "
    "thanks thank thx ty ok okay k kk lol lmao lmaooo haha hahaha hehe yes yeah yep yup no "
    "nope nah sure cool nice great awesome perfect brilliant lovely sweet fine good gotcha "
    "wow oh ah ugh hmm hm well right alright aight quite indeed true sorry oops yay "
    "amazing exactly obviously totally again all you too much so very dear btw anyway"
)
"""Words a message of pure small talk is made of ('ok thanks!', 'Hello again.')."""

REQUEST_OPENERS = (
    "can you",
    "could you",
    "would you",
    "will you",
    "please",
    "pls",
    "remind me",
    "help me",
    "tell me",
    "let me know",
    "remember this",
    "remember that",
    "remember it",
    "keep this",
    "keep it",
    "save this",
    "note that",
)

SLANG = words(
    "btw lol lmao lmaooo omg tbh fr ngl imo imho idk rn pls plz thx ty ya yo tho cuz gonna "
    "wanna gotta kinda sorta lemme dunno yeah yep nah haha hahaha hehe xd xx xoxo smh"
)
"""Chat abbreviations: words, not names, though no dictionary has them."""

FORGET_VERBS = words("forget delete remove erase wipe drop scrap purge")

PAST_HINTS = ("used to", "no longer", "not anymore", "any more", "anymore", "previously")
"""Words that make a statement about the past, whatever its verb tense."""

STOP = words(
    "a an the and or but so of to in on at by for with from as is are was were be been being "
    "am do does did have has had i me my mine we us our you your he him his she her they "
    "them their it its this that these those there here what which who whom whose when where "
    "why how if then than too very just also really still not no can could would should will "
    "shall may might must about into over after before up down out off again all any some "
    "each every both more most other such only own same s t m d ll re ve n't 's 'm 're 've 'd "
    "'ll i'm it's that's what's there's let's im ive"
)
"""Words that carry no content for matching a question to a memory."""

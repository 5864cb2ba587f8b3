"""What a visit leads to: commitments to neighborhoods' problems, their milestones, and the
attendance figures the organizers enter when the door check-ins do not cover a day."""

from followup.models.attendance import AttendanceCount as AttendanceCount
from followup.models.commitment import Commitment as Commitment
from followup.models.commitment import Milestone as Milestone
